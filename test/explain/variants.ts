/** Ways a documented text reaches ccdoctor other than verbatim: each must still be explained. */

/** Breaks lines at spaces so that none is longer than `width` (a console's word wrap). */
export function wrapWords(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Breaks every `width` characters, wherever that falls (a console buffer copied as is). */
export function wrapHard(text: string, width: number): string {
  return text.replace(/\n/g, ' ').match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');
}

export function curlyQuotes(text: string): string {
  let single = 0;
  let double = 0;
  return text.replace(/'/g, () => (single++ % 2 ? '’' : '‘')).replace(/"/g, () => (double++ % 2 ? '”' : '“'));
}

/** As PowerShell 5.1 prints an error record, with position and category lines around the message. */
export function psFramed(text: string): string {
  return `${wrapWords(text, 118)}\nAt line:1 char:1\n+ Install-CcAppliance\n+ ~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException\n    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException,Install-CcAppliance\n`;
}

/** As PowerShell 7 prints it (ConciseView): the command, a gutter, the message after "|". */
export function ps7Framed(text: string): string {
  const body = wrapWords(text, 80).split('\n').map((l) => `     | ${l}`).join('\n');
  return `Install-CcAppliance: C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector\\Install.ps1:42\nLine |\n  42 |      Install-CcApplianceInternal @args\n     |      ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n${body}\n`;
}

export function extraSpaces(text: string): string {
  return `  ${text.replace(/ /g, '   ').replace(/([^ ]):/g, '$1 :')}  `;
}

export function colouredRed(text: string): string {
  return `\u001b[31;1m${text}\u001b[0m`;
}

export const VARIANTS: readonly [string, (t: string) => string][] = [
  ['verbatim', (t) => t],
  ['lower case', (t) => t.toLowerCase()],
  ['upper case', (t) => t.toUpperCase()],
  ['wrapped at 80 columns', (t) => wrapWords(t, 80)],
  ['wrapped at 120 columns', (t) => wrapWords(t, 120)],
  ['broken every 80 characters, mid-word', (t) => wrapHard(t, 80)],
  ['CRLF line ends', (t) => wrapWords(t, 80).replace(/\n/g, '\r\n')],
  ['curly quotes', curlyQuotes],
  ['extra spaces and a space before every colon', extraSpaces],
  ['PowerShell 5.1 error record', psFramed],
  ['PowerShell 7 concise view', ps7Framed],
  ['coloured with ANSI escapes', colouredRed],
  ['among other output', (t) => `PS C:\\> Install-CcAppliance\nChecking prerequisites...\n${t}\nPS C:\\>`],
];
