// The names live beside the client, which refuses any other key itself (`resolveClientOptions`): the client layer
// sits below this one and may not import from it. This entry keeps the adapters' import path.
export { isMailClientOption } from '../client/client-option-keys.js';
