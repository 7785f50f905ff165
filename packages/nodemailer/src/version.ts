/** The transport's name, as nodemailer logs it. */
export const TRANSPORT_NAME = 'qcloudmail';

/** The transport's version, as nodemailer logs it; kept in step with package.json by a test. */
export const TRANSPORT_VERSION = '0.0.0';
