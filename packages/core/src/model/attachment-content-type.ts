/**
 * The `contentType` of an attachment is written into the part's Content-Type header as given, so it must be
 * a plain single-part media type: anything else could smuggle structure into the message.
 */

// RFC 2045 token: printable ASCII without space and tspecials.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
// RFC 5322 quoted-string content, printable ASCII only; no backslash escapes so that nothing needs unquoting.
const QUOTED = '"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*"';
const PARAMETER = `[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED})`;
const MEDIA_TYPE = new RegExp(`^(${TOKEN})/${TOKEN}((?:${PARAMETER})*)[ \\t]*$`);
const PARAMETER_NAME = new RegExp(`;[ \\t]*(${TOKEN})=`, 'g');

// Core writes these from the file name (R14) and the part layout; a second copy could name another file
// (name="run.exe" past R22's extension check) or start a part of its own (boundary).
// RFC 2231 forms (name*, name*0*) count too.
const RESERVED_PARAMETER = /^(?:name|filename|boundary)(?:\*|$)/;
// An attachment is one opaque part (R12); a container type would make readers parse its bytes as MIME parts.
const CONTAINER_TYPES: ReadonlySet<string> = new Set(['multipart', 'message']);

/**
 * Why an attachment's `contentType` cannot be written (as a sentence fragment), or undefined when it is a
 * single-part `type/subtype` with only plain parameters.
 */
export function contentTypeProblem(contentType: string): string | undefined {
  const match = MEDIA_TYPE.exec(contentType);
  if (match === null) {
    return 'contentType must be type/subtype, optionally with ; name=value parameters in printable ASCII (RFC 2045)';
  }
  const type = (match[1] as string).toLowerCase();
  if (CONTAINER_TYPES.has(type)) {
    return `contentType ${type}/* is not an attachment type: an attachment is one part, sent as application/octet-stream or its own media type (R12)`;
  }
  for (const parameter of (match[2] as string).matchAll(PARAMETER_NAME)) {
    const name = (parameter[1] as string).toLowerCase();
    if (RESERVED_PARAMETER.test(name)) {
      return `contentType must not carry a ${name} parameter: qcloudmail writes it from the attachment's filename and layout (R12, R14)`;
    }
  }
  return undefined;
}
