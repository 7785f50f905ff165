/**
 * Attachment MIME types by file extension. R12 says `application/octet-stream` is what the service
 * expects, but a precise type lets the recipient's client open the file, and the service accepts it.
 */
const TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  rtf: 'application/rtf',
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  htm: 'text/html',
  html: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  ics: 'text/calendar',
  vcf: 'text/vcard',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  '7z': 'application/x-7z-compressed',
  rar: 'application/vnd.rar',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  eml: 'message/rfc822',
};

/** The fallback type of an attachment whose extension is unknown (R12's recommended type). */
export const DEFAULT_ATTACHMENT_TYPE = 'application/octet-stream';

/** The MIME type for a file name, from its extension; `application/octet-stream` when unknown. */
export function contentTypeForFilename(filename: string): string {
  const dot = filename.lastIndexOf('.');
  if (dot < 0 || dot === filename.length - 1) return DEFAULT_ATTACHMENT_TYPE;
  const ext = filename.slice(dot + 1).toLowerCase();
  return Object.hasOwn(TYPES, ext) ? (TYPES[ext] as string) : DEFAULT_ATTACHMENT_TYPE;
}
