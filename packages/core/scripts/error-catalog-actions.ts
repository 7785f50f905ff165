// What the sender should do about each code: one specific sentence per code where the code matters to SMTP
// senders, one per family for the API-management codes that the SMTP gateway passes through unchanged.

/** Actions by exact code. */
export const ACTIONS: Record<string, string> = {
  FailedOperation:
    'Read the message: the SMTP gateway reports its own input checks (R17) as plain FailedOperation; run local validation to find the field, then fix the message before sending again.',
  'FailedOperation.AttachContentToolarge':
    'Shrink or drop attachments: keep each under 4 MiB and all of them under 8 MiB of decoded bytes, or link to large files instead.',
  'FailedOperation.DKIMNotApplied':
    'Create the DKIM record for the sender domain in the SES console and publish it in DNS, then send again once the domain verifies.',
  'FailedOperation.EmailAddrInBlacklist':
    "The recipient hard-bounced before and is on the provider's blocklist; remove the address or ask for it to be released in the console.",
  'FailedOperation.EmailContentToolarge':
    'Cut the body (text and HTML, without attachments) below 1 MiB, for example by moving images to links.',
  'FailedOperation.ExceedSendLimit':
    "The account's daily sending cap is used up; wait for the next day or ask Tencent Cloud to raise the cap, and queue the message meanwhile.",
  'FailedOperation.ExceedTemplateLimit': 'Delete unused templates in the SES console before creating new ones.',
  'FailedOperation.FileURLNotExist':
    'Check that every linked file URL in the message is reachable, or attach the file instead.',
  'FailedOperation.FrequencyLimit':
    'This sender already sent about 10 messages to this recipient within the hour (R6); send again after the hour window, or merge the messages.',
  'FailedOperation.HighRejectionRate':
    'Sending is paused because too many messages were rejected; clean the recipient list of invalid addresses and resume slowly after the pause ends.',
  'FailedOperation.IllegalURL':
    'Remove or replace the link that the provider considers non-compliant, then send again.',
  'FailedOperation.IncorrectEmail': 'Correct the recipient address; it is not a valid mailbox address.',
  'FailedOperation.IncorrectSender':
    'Write From as `Name <address@your-domain>` with an address configured in the console (and no `:` in the name).',
  'FailedOperation.InsufficientBalance': 'Top up the Tencent Cloud account or settle the arrears, then send again.',
  'FailedOperation.InsufficientQuota': 'Buy an SES package with more messages or wait for the next period of the plan.',
  'FailedOperation.InvalidAttachName':
    'Rename the attachment: at most 255 characters, none of `? \\ * | " < > : /`, and not an executable, script, audio or video type (R22).',
  'FailedOperation.InvalidTemplateID': 'Use the ID of an existing, approved template.',
  'FailedOperation.MissingEmailContent': 'Give the message a non-empty text or HTML body (R10).',
  'FailedOperation.NoAttachPermission':
    'The account may not send attachments; ask Tencent Cloud to enable attachments or send a link instead.',
  'FailedOperation.NotAuthenticatedSender':
    'Verify the sender address and its domain in the SES console, and send From the same address you log in with (R4).',
  'FailedOperation.NotSupportDate': 'Query only dates within the last 90 days.',
  'FailedOperation.ProtocolCheckErr': 'Use SMTP over implicit TLS on port 465 (R2) and a standard SMTP client.',
  'FailedOperation.ReceiverHasUnsubscribed':
    'The recipient unsubscribed; stop sending to this address unless they subscribe again.',
  'FailedOperation.RejectedByRecipients':
    "The recipient's mail server refused the message; check the address and the content, and do not retry it unchanged.",
  'FailedOperation.SendEmailErr':
    'The provider could not send for an account-specific reason; open a Tencent Cloud ticket with the RequestId.',
  'FailedOperation.ServiceNotAvailable': 'A temporary error of the service; send again after a few seconds (R24).',
  'FailedOperation.TemplateContentToolarge': 'Reduce the size of the template content.',
  'FailedOperation.TemporaryBlocked':
    "The provider paused sending to this recipient's mail provider for 10 minutes (R24); send again after the pause.",
  'FailedOperation.TooManyAttachments':
    'Send at most 10 attachments per message; split the rest into further messages.',
  'FailedOperation.TooManyRecipients':
    'Send to at most 50 recipients per message (R8), better one recipient per message.',
  'FailedOperation.URLForbidden':
    'The account may not put web links in messages while its delivery rate is low; remove the links or improve list quality first.',
  'FailedOperation.UnsupportMailType':
    'The recipient address belongs to a mailbox type the provider does not deliver to; use another address.',
  'FailedOperation.WithOutPermission':
    'The account may only send with templates; ask Tencent Cloud to allow free-form content for SMTP.',
  'FailedOperation.WrongContentJson': 'Pass TemplateData as a JSON string.',
  InternalError:
    'The service failed internally; send again after a few seconds, and open a ticket with the RequestId if it persists.',
  'InternalError.QueryDataBaseFailed':
    "The service's database timed out; send again after a few seconds, and open a ticket with the RequestId if it persists.",
  'InvalidParameterValue.AttachContentIsWrong':
    'Encode every attachment body as valid base64 (R13); a message cut off by the 10 MB limit also ends in broken base64.',
  'InvalidParameterValue.EmailAddressIsNULL': 'Give the message a sender (From) and at least one recipient (To).',
  'InvalidParameterValue.EmailContentIsWrong': 'Send the text and HTML body as valid UTF-8 content.',
  'InvalidParameterValue.IllegalEmailAddress': 'Correct the malformed address; validate addresses before sending.',
  'InvalidParameterValue.IllegalSenderName':
    'Remove `:` and other special characters from the sender display name (R23).',
  'InvalidParameterValue.InvalidEmailIdentity': 'Use a sender domain that is created and verified in the console.',
  'InvalidParameterValue.InvalidSmtpPassWord':
    'Set an SMTP password of 10 to 20 characters with at least 2 different digits, lowercase and uppercase letters.',
  'InvalidParameterValue.NoSuchSender':
    'Create the sender address in the SES console, or log in and send From an address that exists there (R4).',
  'InvalidParameterValue.NotExistDomain': 'Create and verify the sender domain in the SES console first.',
  'InvalidParameterValue.ReceiverEmailInvalid': 'Correct or remove the invalid recipient address.',
  'InvalidParameterValue.SubjectLengthError': 'Give the message a non-empty subject within the length limit (R23).',
  'OperationDenied.DomainNotVerified':
    "Publish the domain's SPF, DKIM and MX records and wait for the console to show it verified.",
  'OperationDenied.ExceedDomainLimit': 'Delete an unused sender domain or ask for a higher domain limit.',
  'OperationDenied.ExceedSenderLimit': 'Delete an unused sender address or ask for a higher sender limit.',
  'OperationDenied.ReceiverIsOperating': 'The recipient group is still uploading; try again in a minute.',
  'OperationDenied.RepeatPassWord': 'Choose an SMTP password different from the previous one.',
  'OperationDenied.SendAddressStatusError':
    'The sender address is missing or not approved; check its status in the console and use an approved address (R4).',
  'RequestLimitExceeded.SmtpRateLimit':
    'The account sent faster than 20 messages per second (R5) or 10 per hour to one recipient (R6); slow down and send again after a pause.',
  ServiceUnavailable: 'The service is temporarily unavailable; send again after a few seconds.',
  IpInBlacklist:
    "This machine's IP address is on the account's blocklist; send from another address or change the IP rules.",
  IpNotInWhitelist: "Add this machine's IP address to the account's allowlist, or send from an allowed machine.",
  UnauthorizedOperation:
    'The credentials may not perform this operation; check the sender address, its SMTP password and the account permissions (R4).',
  'AuthFailure.UnauthorizedOperation':
    'Authentication failed at the service; check the sender address and its SMTP password in the console (R4), and do not retry with the same credentials.',
  RequestSizeLimitExceeded: 'Make the message smaller: at most 10 MiB on the wire, attachments under 8 MiB.',
};

/** Actions by family, for codes without their own sentence. Longest prefix wins. */
export const FAMILY_ACTIONS: Record<string, string> = {
  AuthFailure:
    'The service did not accept the credentials; check the sender address and its SMTP password in the console (R4) and fix them before sending again.',
  FailedOperation: 'The service refused the message; read the provider message and fix the cause before sending again.',
  InvalidParameter: 'A parameter of the request is invalid; correct the value named in the provider message.',
  InvalidParameterValue: 'A parameter value is invalid; correct the value named in the provider message.',
  'InvalidParameterValue.Template':
    'The template or its data is wrong; check the template in the console and pass TemplateData that matches its variables.',
  MissingParameter: 'A required parameter is missing; supply the parameter named in the provider message.',
  LimitExceeded: 'An account quota is exhausted; reduce usage or ask Tencent Cloud to raise the limit.',
  OperationDenied: 'The account may not perform this operation in its current state; check the console.',
  RequestLimitExceeded: 'The service is limiting the request rate; wait a second and send again at a lower rate (R5).',
  Resource: 'A resource the request needs is missing or busy; check it in the console.',
  Unsupported: 'The request is not supported by the service; use SMTP on port 465 as documented (R2).',
  Invalid: 'The request is malformed; use a standard SMTP client against the documented endpoints (R1, R2).',
  No: 'The request names an API product or version that does not exist; use the documented SMTP endpoints (R1).',
  ActionOffline: 'The API was retired; use the SMTP endpoints (R1) or the current SendEmail API.',
  DryRunOperation: 'Nothing was sent because DryRun was set; send without DryRun.',
  ResponseSizeLimitExceeded: 'Ask for less data in one request.',
  UnknownParameter: 'Remove the parameter that the service does not know.',
};
