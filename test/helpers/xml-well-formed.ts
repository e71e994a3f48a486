/**
 * A strict XML 1.0 well-formedness check for the reports' XML (no DTDs, no namespaces needed): one root,
 * tags nested and closed, attribute values quoted and free of < and raw &, unique attributes, only the
 * five predefined entities and character references, no ]]> in text, only XML 1.0 characters.
 * Returns the element names in document order; throws naming the offset of the first fault.
 */
export function checkWellFormed(xml: string): string[] {
  const fault = (at: number, what: string): never => {
    throw new Error(`not well-formed XML at offset ${at}: ${what} (near ${JSON.stringify(xml.slice(at, at + 60))})`);
  };
  // eslint-disable-next-line no-control-regex
  const bad = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  if (bad) fault(bad.index, 'a character XML 1.0 does not allow');
  const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
  const text = (from: number, to: number) => {
    const t = xml.slice(from, to);
    for (let i = t.indexOf('&'); i >= 0; i = t.indexOf('&', i + 1)) if (!ENTITY.test(t.slice(i))) fault(from + i, 'a raw &');
    const cd = t.indexOf(']]>');
    if (cd >= 0) fault(from + cd, ']]> in text');
  };
  const names: string[] = [];
  const stack: string[] = [];
  let i = 0;
  let rootClosed = false;
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? xml.length : lt;
    if (stack.length === 0 && xml.slice(i, end).trim() !== '') fault(i, 'text outside the root element');
    text(i, end);
    if (lt < 0) break;
    if (xml.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) fault(lt, 'CDATA outside the root');
      const close = xml.indexOf(']]>', lt + 9);
      if (close < 0) fault(lt, 'unclosed CDATA');
      i = close + 3;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt + 4);
      if (close < 0) fault(lt, 'unclosed comment');
      i = close + 3;
      continue;
    }
    const m = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(xml.slice(lt));
    if (!m) fault(lt, 'a malformed tag');
    const [whole, slash, name, attrs, selfClose] = m!;
    if (slash) {
      if (attrs || selfClose) fault(lt, 'attributes on an end tag');
      if (stack.pop() !== name) fault(lt, `</${name}> does not close the open element`);
      if (stack.length === 0) rootClosed = true;
    } else {
      if (rootClosed || (stack.length === 0 && names.length > 0)) fault(lt, 'a second root element');
      names.push(name!);
      const seen = new Set<string>();
      for (const a of attrs!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("[^"]*"|'[^']*')/g)) {
        if (seen.has(a[1]!)) fault(lt, `attribute ${a[1]} twice`);
        seen.add(a[1]!);
        const v = a[2]!.slice(1, -1);
        for (let k = v.indexOf('&'); k >= 0; k = v.indexOf('&', k + 1)) if (!ENTITY.test(v.slice(k))) fault(lt, `a raw & in attribute ${a[1]}`);
      }
      if (!selfClose) stack.push(name!);
      else if (stack.length === 0) rootClosed = true;
    }
    i = lt + whole.length;
  }
  if (stack.length) fault(xml.length, `unclosed <${stack[stack.length - 1]}>`);
  if (names.length === 0) fault(0, 'no root element');
  return names;
}
