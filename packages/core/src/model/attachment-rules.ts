import type { EffectiveLimits } from '../limits/limits.js';
import { checkInjection, formatPath, type IssuePath, type IssueSink, quote } from './issue.js';

/** R22: characters the SendEmail API refuses in a file name (`FailedOperation.InvalidAttachName`). */
export const FORBIDDEN_NAME_CHARACTERS = /[?\\*|"<>:/]/;

/**
 * R22: extensions of executable, script, audio and video files, which the service refuses.
 * `.mp3` and `.m4a` are documented as allowed and are deliberately absent.
 */
// biome-ignore format: a table reads better in rows
export const BLOCKED_EXTENSIONS: ReadonlySet<string> = new Set([
  // Windows executables, installers and shortcuts
  'exe', 'com', 'scr', 'pif', 'cpl', 'msi', 'msp', 'mst', 'msc', 'dll', 'sys', 'drv', 'ocx', 'lnk', 'url', 'scf',
  'inf', 'reg', 'gadget', 'application', 'appx', 'appxbundle', 'msix', 'msixbundle', 'appref-ms', 'chm', 'hlp',
  // scripts
  'bat', 'cmd', 'js', 'jse', 'mjs', 'vb', 'vbs', 'vbe', 'wsf', 'wsh', 'wsc', 'hta', 'ps1', 'ps1xml', 'ps2', 'psm1',
  'psd1', 'psc1', 'sh', 'bash', 'csh', 'ksh', 'zsh', 'command', 'workflow', 'action',
  // other platforms' executables and packages
  'jar', 'class', 'app', 'apk', 'xapk', 'aab', 'ipa', 'dmg', 'pkg', 'deb', 'rpm', 'run', 'elf', 'iso', 'img',
  'vhd', 'vhdx',
  // audio (mp3 and m4a are allowed by R22)
  'wav', 'ogg', 'oga', 'opus', 'flac', 'wma', 'aac', 'aif', 'aiff', 'aifc', 'amr', 'ape', 'au', 'mid', 'midi', 'mka',
  'ra', 'ram', 'caf',
  // video
  'mp4', 'm4v', 'mov', 'qt', 'avi', 'wmv', 'asf', 'mkv', 'webm', 'flv', 'f4v', 'swf', 'mpg', 'mpeg', 'mpe', 'm2v',
  '3gp', '3g2', 'ogv', 'rm', 'rmvb', 'vob', 'mts', 'm2ts', 'divx',
]);

// Control characters other than CR, LF and NUL (those are reported as header injection).
const CONTROL = /[\x01-\x09\x0b\x0c\x0e-\x1f\x7f]/;

/** The extension the service judges a name by: Windows drops trailing dots and spaces, so does this. */
export function effectiveExtension(filename: string): string {
  // A scan from the end: /[. ]+$/ would retry from every dot and space of a ". . . x" name (quadratic).
  let end = filename.length;
  while (end > 0 && (filename[end - 1] === '.' || filename[end - 1] === ' ')) end--;
  const dot = filename.lastIndexOf('.', end - 1);
  return dot < 0 || end === 0 ? '' : filename.slice(dot + 1, end).toLowerCase();
}

function codePointLength(text: string, atMost: number): number {
  // Only long strings need counting: a string is never shorter in code points than half its UTF-16 length.
  if (text.length <= atMost) return text.length;
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Reports every R22 problem of one attachment's file name at `path`. */
export function checkAttachmentName(
  sink: IssueSink,
  filename: string | undefined,
  path: IssuePath,
  limits: EffectiveLimits,
): void {
  const where = formatPath(path);
  if (filename === undefined || filename.trim() === '') {
    sink.add('attachment_name_invalid', path, 'R22', `${where}: give the attachment a file name (R22)`);
    return;
  }
  const injected = checkInjection(sink, filename, path, 'The file name');
  const length = codePointLength(filename, limits.maxAttachmentNameLength);
  if (length > limits.maxAttachmentNameLength) {
    sink.add(
      'attachment_name_invalid',
      path,
      'R22',
      `${where}: the file name has ${length} characters; the service allows at most ${limits.maxAttachmentNameLength} (R22)`,
    );
  }
  const forbidden = FORBIDDEN_NAME_CHARACTERS.exec(filename);
  if (forbidden) {
    sink.add(
      'attachment_name_invalid',
      path,
      'R22',
      `${where}: the file name contains ${quote(forbidden[0])}; the service refuses ? \\ * | " < > : / in file names (R22)`,
    );
  }
  if (!injected && CONTROL.test(filename)) {
    sink.add('attachment_name_invalid', path, 'R22', `${where}: the file name contains a control character (R22)`);
  }
  const extension = effectiveExtension(filename);
  if (BLOCKED_EXTENSIONS.has(extension)) {
    sink.add(
      'attachment_type_blocked',
      path,
      'R22',
      `${where}: .${extension} files (executables, scripts, audio, video) are refused by the service; send a document, an image or an archive instead (R22)`,
    );
  }
}
