import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { RULES } from '../helpers/catalogue.js';
import { fillCommand } from '../../src/core/powershell/template.js';
import { placeholders } from '../../src/core/rules/define.js';
import { ps7Only, psParser, syntaxErrors, workAroundGrammarGaps } from '../live/ps-lint.js';

let parser: Parser;
beforeAll(async () => {
  parser = await psParser();
});

/** A hostile value in every parameter: the filled command must still parse as one command. */
const HOSTILE = "x'; Invoke-Evil -Now; '$(calc)`";

function errors(text: string): string[] {
  let tree = parser.parse(text)!;
  if (tree.rootNode.hasError) tree = parser.parse(workAroundGrammarGaps(text))!;
  const found = [...syntaxErrors(tree.rootNode), ...ps7Only(tree.rootNode, text)].map((f) => `${f.why}: ${f.text}`);
  tree.delete();
  return found;
}

describe('remediation commands of every rule are Windows PowerShell 5.1 and stay one command when filled', () => {
  for (const rule of RULES) {
    for (const step of rule.remediation.filter((s) => s.command)) {
      it(`${rule.id} / ${step.id}`, () => {
        const values = Object.fromEntries(placeholders(step.command!).map((p) => [p, HOSTILE]));
        const filled = fillCommand(step.command!, values).command;
        expect(errors(filled)).toEqual([]);
        // The hostile text stays inside single-quoted literals: no statement separator leaks out.
        expect(filled.replace(/'(?:[^']|'')*'/g, "''")).not.toMatch(/Invoke-Evil|calc/);
      });
    }
  }
});
