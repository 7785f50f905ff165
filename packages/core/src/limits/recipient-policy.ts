/**
 * How a message with several recipients is sent (R8, R9).
 * `single`: one message to all `to` addresses (at most 50); Cc and Bcc are refused.
 * `split`: one message per recipient, Cc and Bcc included (the provider's advice).
 * `chunk`: batches of at most 50 `to` addresses.
 */
export type RecipientPolicy = 'single' | 'split' | 'chunk';
