import { isUtf8 } from 'node:buffer';
/** Text as hosts write it: UTF-8 with or without BOM, UTF-16LE/BE with BOM (Windows PowerShell 5.1's default). */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the bytes hold a NUL outside UTF-16 or invalid UTF-8: probably not text. */
  binary: boolean;
}

export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // UTF-16LE without a BOM: ASCII text has a zero in every odd byte.
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0 && bytes[2] !== 0) return 'utf-16le';
  return 'utf-8';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const encoding = detectEncoding(bytes);
  let text: string;
  let binary = false;
  switch (encoding) {
    case 'utf-8-bom':
      text = new TextDecoder('utf-8').decode(bytes.subarray(3));
      break;
    case 'utf-16le': {
      const start = bytes[0] === 0xff && bytes[1] === 0xfe ? 2 : 0;
      text = new TextDecoder('utf-16le').decode(bytes.subarray(start));
      break;
    }
    case 'utf-16be': {
      const body = bytes.subarray(2);
      const swapped = new Uint8Array(body.length - (body.length % 2));
      for (let i = 0; i + 1 < body.length; i += 2) {
        swapped[i] = body[i + 1]!;
        swapped[i + 1] = body[i]!;
      }
      text = new TextDecoder('utf-16le').decode(swapped);
      break;
    }
    default:
      // isUtf8 and Buffer's decoder: TextDecoder would load its module on start-up (a snapshot check).
      if (isUtf8(bytes)) text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      else {
        text = new TextDecoder('utf-8').decode(bytes);
        binary = true;
      }
  }
  if (text.includes('\u0000')) binary = true;
  return { text, encoding, binary };
}

export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(text));
    case 'utf-16le':
    case 'utf-16be': {
      const out = new Uint8Array(2 + text.length * 2);
      const le = encoding === 'utf-16le';
      out[0] = le ? 0xff : 0xfe;
      out[1] = le ? 0xfe : 0xff;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[2 + i * 2] = le ? c & 0xff : c >> 8;
        out[3 + i * 2] = le ? c >> 8 : c & 0xff;
      }
      return out;
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
