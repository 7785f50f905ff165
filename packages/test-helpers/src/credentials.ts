// Made-up credentials of the emulator's one sender: they open nothing but an emulator on 127.0.0.1.

/** The sender address the test emulator accepts and the tests authenticate as. */
export const USER = 'noreply@mail.example.com';
/** The test sender's password (the emulator's, never a real account's). */
export const PASS = 'emulator-secret';
/** The emulated account (SES application) the test sender belongs to. */
export const APP_ID = 'app-1';
