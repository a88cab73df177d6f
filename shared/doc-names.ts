/**
 * Document names are paths that say what a document is and which route it belongs to, e.g.
 * `route/laos-2013/river`, so that access can be decided from the name alone. They appear in URLs and
 * storage keys, hence the narrow alphabet.
 */
export const docNameLimits = { maxLength: 200, maxSegments: 8, maxSegmentLength: 64 } as const;

const segmentPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export type DocNameCheck = { ok: true; name: string } | { ok: false; message: string };

export function checkDocName(name: string): DocNameCheck {
  if (name.length === 0) return { ok: false, message: 'The document name is empty.' };
  if (name.length > docNameLimits.maxLength) {
    return { ok: false, message: `The document name is longer than ${docNameLimits.maxLength} characters.` };
  }
  const segments = name.split('/');
  if (segments.length > docNameLimits.maxSegments) {
    return { ok: false, message: `The document name has more than ${docNameLimits.maxSegments} parts.` };
  }
  for (const segment of segments) {
    if (segment.length > docNameLimits.maxSegmentLength) {
      return { ok: false, message: `A part of the document name is longer than ${docNameLimits.maxSegmentLength} characters.` };
    }
    if (!segmentPattern.test(segment)) {
      return {
        ok: false,
        message: 'Document names are parts separated by "/", each made of letters, digits, ".", "_" or "-", starting with a letter or digit.',
      };
    }
  }
  return { ok: true, name };
}
