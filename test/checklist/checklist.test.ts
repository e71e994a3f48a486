import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { RULES } from '../helpers/catalogue.js';
import { planQuestions } from '../../src/core/checklist/plan.js';
import {
  answerQuestion, checklistProgress, checklistStatus, sessionStore, skipQuestion, startChecklist, undoAnswer, type ChecklistSession,
} from '../../src/core/checklist/session.js';
import { saveChecklistSnapshot } from '../../src/core/checklist/run.js';
import { runRules } from '../helpers/check.js';
import { loadSnapshotFile } from '../../src/core/snapshot/load.js';
import { FactStore } from '../../src/core/facts/store.js';

const rule = (id: string) => RULES.find((r) => r.id === id)!;

function answer(s: ChecklistSession, fact: string, text: string): ChecklistSession {
  const r = answerQuestion(s, fact, text);
  if (!r.ok) throw new Error(r.error);
  return r.session;
}

describe('checklist plan', () => {
  it('asks the script version first, then only the facts the chosen rule needs', () => {
    const plan = planQuestions([rule('dotnet-too-old')], FACTS, new FactStore(FACTS));
    const facts = plan.map((q) => q.fact);
    expect(facts[0]).toBe('cce.scriptVersion');
    expect(facts.at(-1)).toBe('dotnet.release');
    // In between only the fallbacks of the version (module.ini copies before CCE 2.0, then the module itself).
    expect(facts.slice(1, -1)).toEqual(['file.moduleIni.programData', 'file.moduleIni.userProfile', 'ps.cloudConnectorModule']);
    expect(plan.find((q) => q.fact === 'dotnet.release')!.neededBy).toEqual(['dotnet-too-old']);
    for (const q of plan.slice(0, -1)) expect(q.neededBy).toEqual(['cce.version']);
  });

  it('does not ask the version for rules that apply to every version', () => {
    const plan = planQuestions([rule('module-analysis-cache-stale')], FACTS, new FactStore(FACTS));
    expect(plan.map((q) => q.fact)).toEqual(['ps.moduleAnalysisCache', 'ps.cloudConnectorModule']);
  });
});

describe('checklist session', () => {
  it('drops module.ini once Get-CcVersion gave a version, and a rule made moot by the version', async () => {
    let s = startChecklist([rule('dotnet-too-old')], FACTS);
    expect(checklistStatus(s).next?.fact).toBe('cce.scriptVersion');
    s = answer(s, 'cce.scriptVersion', '2.0.1.271');
    // dotnet-too-old applies to >=2.1 only: nothing left to ask.
    const st = checklistStatus(s);
    expect(st.next).toBeUndefined();
    expect(st.answered).toBe(1);
    const run = await runRules(sessionStore(s), { kind: 'checklist', ref: 'operator answers' }, { name: 'x' }, { rules: s.rules });
    expect(run.results[0]!.status).toBe('not-applicable');
  });

  it('asks module.ini when the script version is empty (CCE before 2.0)', () => {
    let s = startChecklist([rule('dotnet-too-old')], FACTS);
    s = answer(s, 'cce.scriptVersion', '');
    expect(checklistStatus(s).next?.fact).toMatch(/^file\.moduleIni\./);
  });

  it('turns answers into facts with operator provenance and the rules fail with that evidence', async () => {
    let s = startChecklist([rule('dotnet-too-old')], FACTS);
    s = answer(s, 'cce.scriptVersion', '2.1.0.372');
    expect(checklistStatus(s).next?.fact).toBe('dotnet.release');
    s = answer(s, 'dotnet.release', '379893');
    expect(checklistStatus(s).next).toBeUndefined();
    const run = await runRules(sessionStore(s), { kind: 'checklist', ref: 'operator answers' }, { name: 'x' }, { rules: s.rules });
    const r = run.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.evidence[0]!.provenance.source).toBe('operator');
    expect(r.evidence[0]!.provenance.ref).toMatch(/NET Framework 4.x/);
  });

  it('rejects an answer outside the choices or the schema, with a message', () => {
    const s = startChecklist([rule('dotnet-too-old')], FACTS);
    const bad = answerQuestion(s, 'dotnet.release', 'lots');
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('pick one of') });
    const r = answerQuestion(s, 'cce.applianceRoot', '   ');
    expect(r.ok).toBe(false);
  });

  it('reports a missing file for a file question instead of throwing', () => {
    const s = startChecklist([rule('ini-state-missing')], FACTS);
    const r = answerQuestion(s, 'file.cloudConnectorIni', '/no/such/CloudConnector.ini');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('no such file') });
  });

  it('a skipped question makes the rule unknown, naming the fact', async () => {
    let s = startChecklist([rule('module-analysis-cache-stale')], FACTS);
    const r = skipQuestion(s, 'ps.moduleAnalysisCache');
    if (!r.ok) throw new Error(r.error);
    s = r.session;
    s = answer(s, 'ps.cloudConnectorModule', 'yes');
    const run = await runRules(sessionStore(s), { kind: 'checklist', ref: 'x' }, { name: 'x' }, { rules: s.rules });
    expect(run.results[0]!.status).toBe('unknown');
    expect(run.results[0]!.unavailable.map((u) => u.fact)).toEqual(['ps.moduleAnalysisCache']);
  });

  it('undo takes back the last answer', () => {
    let s = startChecklist([rule('dotnet-too-old')], FACTS);
    s = answer(s, 'cce.scriptVersion', '2.1');
    s = undoAnswer(s);
    expect(checklistStatus(s).next?.fact).toBe('cce.scriptVersion');
    expect(s.answers).toHaveLength(0);
  });

  it('reads a file answer from the copy the operator has (ini with a BOM and CRLF)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccd-checklist-'));
    const ini = join(dir, 'CloudConnector.ini');
    writeFileSync(ini, '\uFEFF[Common]\r\nSiteName=Sydney\r\n');
    let s = startChecklist([rule('ini-state-missing')], FACTS);
    s = answer(s, 'cce.scriptVersion', '2.1.0.372');
    s = answer(s, 'file.cloudConnectorIni', ini);
    const run = await runRules(sessionStore(s), { kind: 'checklist', ref: 'x' }, { name: 'x' }, { rules: s.rules });
    expect(run.results[0]!.status).toBe('fail');
    expect(run.results[0]!.evidence[0]!.value).toBe('absent');
  });

  it('saves the answers as a checklist snapshot that loads again with the same result', async () => {
    let s = startChecklist([rule('dotnet-too-old')], FACTS);
    s = answer(s, 'cce.scriptVersion', '2.1.0.372');
    s = answer(s, 'dotnet.release', '379893');
    const file = join(mkdtempSync(join(tmpdir(), 'ccd-checklist-')), 'answers.json');
    await saveChecklistSnapshot(sessionStore(s), FACTS, file, '9.9.9', new Date('2026-11-22T00:00:00Z'));
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.host.collector).toEqual({ name: 'ccdoctor', version: '9.9.9', mode: 'checklist' });
    expect(json.facts['dotnet.release']).toMatchObject({ status: 'ok', value: 379893, source: 'operator' });
    const loaded = await loadSnapshotFile(file, FACTS);
    const run = await runRules(loaded.store, { kind: 'snapshot', ref: file }, { name: loaded.host.name }, { rules: s.rules });
    expect(run.results[0]!.status).toBe('fail');
    await expect(saveChecklistSnapshot(sessionStore(s), FACTS, file, '9.9.9')).rejects.toThrow(/already exists/);
  });
});

describe('checklist question counter', () => {
  it('does not claim a total that later answers change ("1 of 5", then "2 of 2")', () => {
    let s = startChecklist([rule('dotnet-too-old')], FACTS);
    const first = checklistStatus(s);
    expect(checklistProgress(first)).toBe(`question 1 (about ${first.remaining - 1} more)`);
    s = answer(s, 'cce.scriptVersion', '2.1.0.372');
    // The version dropped the module.ini fallbacks: the plan shrank, and the counter says nothing that is now false.
    const second = checklistStatus(s);
    expect(second.answered + second.remaining).toBeLessThan(first.remaining);
    expect(checklistProgress(second)).toBe('question 2 (last so far)');
    expect(checklistProgress(first)).not.toMatch(/ of /);
  });
});
