// The client's uses of the validation, MIME and reply modules, in one place.
export { assertValidMessage } from '../model/validate-message.js';
export { buildMimeFromMessage } from '../mime/build-mime.js';
export { toQcloudMailError } from '../errors/to-qcloud-mail-error.js';
export { lintMime } from '../mime/lint-mime.js';
export { parseAddress } from '../model/address.js';
