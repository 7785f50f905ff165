export { APP_ID, PASS, USER } from './credentials.js';
export { clientOptions, type Emulator, startTestEmulator, testTlsMaterial } from './test-emulator.js';
export { type EmulatorRecords, type EmulatorSource, messagesTo, seen, storedById } from './store.js';
export { listen, postJson, postRaw, readSized, type RunningApp } from './http.js';
export { CAPPED_NAME, FAR_TO, message, PADDING, rawMessage, recipient } from './messages.js';
export { type RecordingClock, recordingClock } from './clock.js';
export { rejection } from './rejection.js';
export {
  deleteKeys,
  probeRedis,
  REDIS_URL,
  type RedisConnection,
  type RedisConstructor,
  uniquePrefix,
} from './redis.js';
export { type AdapterErrorExports, expectCoreErrorExports } from './error-exports.js';
export { describeSuppressionList, sesEvent, type SuppressionListFactory } from './suppression-conformance.js';
