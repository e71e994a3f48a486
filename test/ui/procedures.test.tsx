import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYS, choose, frame, press, renderApp, testServices, typeText, waitFor, type Rendered } from './helpers.js';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => cleanup());

const journalPath = (configDir: string, id: string) => join(configDir, 'procedures', `${id}.json`);

async function waitForFile(path: string, test: (json: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const end = Date.now() + 10_000;
  for (;;) {
    if (existsSync(path)) {
      const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      if (test(json)) return json;
    }
    if (Date.now() > end) throw new Error(`${path} never satisfied the test`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function openProcedures(app: Rendered): Promise<string> {
  await waitFor(app, 'No CCE host here.');
  await choose(app, 'Guided procedures (7)');
  return waitFor(app, 'guided procedures');
}

/** Moves down until the selected step line contains `text`. */
async function selectStep(app: Rendered, text: string): Promise<string> {
  for (let i = 0; i < 30; i++) {
    if (new RegExp(`❯ \\[[ x]\\] \\d+\\. ${text}`).test(frame(app))) return frame(app);
    await press(app, KEYS.down);
  }
  throw new Error(`no step "${text}" in:\n${frame(app)}`);
}

describe('wizard: guided procedures', () => {
  it('lists every procedure with a one-line description, and ? lists the keys', async () => {
    const app = renderApp();
    const f = await openProcedures(app);
    for (const title of ['Windows updates on an appliance, out of HA and back', 'Install Windows updates by hand', 'Compromised CA: reset CA and internal certificates', 'Renew certificates before they expire', 'Regenerate credentials after a password change', 'Reinstall the appliance', 'Drain a Lync Server for maintenance and back']) {
      expect(f).toContain(title);
    }
    expect(f).toContain('Pause Lync services, startup Manual, wait for zero sessions; then resume');
    expect(f).toMatch(/❯ Windows updates on an appliance/);
    await press(app, '?');
    const help = await waitFor(app, 'Keys on this screen (procedures)');
    expect(help).toContain('Enter');
    await press(app, KEYS.esc, KEYS.esc);
    await waitFor(app, 'No CCE host here.');
  });

  it('answers the branches, marks a destructive step done, quits, and resumes where it stopped', async () => {
    const services = testServices();
    let app = renderApp({ services });
    await openProcedures(app);
    await choose(app, 'Compromised CA');
    let f = await waitFor(app, 'How many appliances are in the site?');
    expect(f).toContain('Question 1 of 3');
    await choose(app, 'Several appliances');
    await waitFor(app, 'Which CCE version?');
    // Esc goes back to the previous question, keeping its answer selected.
    await press(app, KEYS.esc);
    f = await waitFor(app, 'How many appliances are in the site?');
    expect(f).toMatch(/❯ Several appliances/);
    await press(app, KEYS.enter);
    await waitFor(app, 'Which CCE version?');
    await choose(app, '2.0 or later');
    await waitFor(app, 'Is TLS used between the gateway and the Mediation Server?');
    await choose(app, 'Yes, TLS');
    f = await waitFor(app, '0 of 14 steps done');
    expect(f).toContain('Branch: Several appliances (high availability) · 2.0 or later · Yes, TLS');
    expect(f).toContain('ccdoctor never runs these commands itself');
    expect(f).toMatch(/❯ \[ \] 1\. Plan for non-peak hours/);

    f = await selectStep(app, 'First appliance: clean up the CA backup files');
    expect(f).toContain('DESTRUCTIVE · on the CCE host, first appliance only');
    expect(f).toContain('PS> Remove-CcCertificationAuthorityFile');
    await press(app, KEYS.space);
    f = await waitFor(app, '1 of 14 steps done');
    expect(f).toMatch(/❯ \[x\] 2\. First appliance/);
    expect(f).toMatch(/done \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

    f = await selectStep(app, 'Renew the internal server certificates \\(2\\.0 and later\\)');
    expect(f).toContain('PS> Update-CcServerCertificate');
    expect(f).not.toContain('Renew-CcServerCertificate');

    // A note on the step, saved with the progress.
    await press(app, 'n');
    await waitFor(app, 'Note:');
    await typeText(app, 'CHG-1234 q j k');
    await press(app, KEYS.enter);
    f = await waitFor(app, 'note: CHG-1234 q j k');

    const saved = await waitForFile(journalPath(services.configDir, 'ca-compromised'), (j) => Object.keys(j.notes as object).length === 1);
    expect(saved.answers).toEqual({ appliances: 'several', version: '2.0+', tls: 'yes' });
    expect(Object.keys(saved.done as object)).toEqual(['remove-ca-files']);

    await press(app, 'q');
    cleanup();

    app = renderApp({ services });
    await openProcedures(app);
    // The saved progress is read after the list is drawn.
    f = await waitFor(app, '(in progress: 1/14 done)');
    expect(f).toContain('Compromised CA: reset CA and internal certificates  (in progress: 1/14 done)');
    await choose(app, 'Compromised CA');
    f = await waitFor(app, 'Resume (1 of 14 steps done)');
    expect(f).toContain('Start over');
    expect(f).toContain('Branch: Several appliances (high availability) · 2.0 or later · Yes, TLS');
    await press(app, KEYS.enter);
    f = await waitFor(app, '1 of 14 steps done');
    // The cursor is on the first step not done yet.
    expect(f).toMatch(/❯ \[ \] 1\. Plan for non-peak hours/);
    await press(app, KEYS.down);
    expect(frame(app)).toMatch(/❯ \[x\] 2\. First appliance/);
    await selectStep(app, 'Renew the internal server certificates');
    expect(frame(app)).toContain('note: CHG-1234 q j k');

    // Start over: the questions again, then a fresh journal.
    await press(app, KEYS.esc);
    await waitFor(app, 'guided procedures');
    await choose(app, 'Compromised CA');
    await waitFor(app, 'Resume (1 of 14');
    await choose(app, 'Start over');
    await waitFor(app, 'How many appliances are in the site?');
    await choose(app, 'One appliance');
    await choose(app, 'Before 2.0 (1.4.2)');
    await choose(app, 'No');
    f = await waitFor(app, '0 of 6 steps done');
    await selectStep(app, 'Renew the internal server certificates \\(before 2\\.0\\)');
    expect(frame(app)).toContain('PS> Renew-CcServerCertificate');
    await waitForFile(journalPath(services.configDir, 'ca-compromised'), (j) => (j.answers as Record<string, string>).appliances === 'single' && Object.keys(j.done as object).length === 0);
  });

  it('preselects the version branch from the open run, and fills a chosen value into the commands', async () => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await press(app, KEYS.down, KEYS.enter);
    await waitFor(app, 'Failed:');
    await press(app, KEYS.esc);
    await openProcedures(app);
    await choose(app, 'Renew certificates');
    const f = await waitFor(app, 'Which CCE version?');
    expect(f).toContain("The open run's host has CCE 2.1.0.372: preselected.");
    expect(f).toMatch(/❯ 2\.0 or later/);
    // Esc on the first question leaves for the list.
    await press(app, KEYS.esc);
    await waitFor(app, 'guided procedures');
    await choose(app, 'Drain a Lync Server');
    await choose(app, 'One service');
    await choose(app, 'RTCMEDSRV: Mediation');
    await waitFor(app, 'steps done');
    await selectStep(app, 'Pause the service');
    expect(frame(app)).toContain("PS> Suspend-Service -Name 'RTCMEDSRV'");
  });

  it('a damaged journal is reported, set aside, and the procedure starts over', async () => {
    const services = testServices();
    mkdirSync(join(services.configDir, 'procedures'), { recursive: true });
    writeFileSync(journalPath(services.configDir, 'lync-drain'), '{"version":1,"procedure":"lync-dr');
    const app = renderApp({ services });
    await openProcedures(app);
    await choose(app, 'Drain a Lync Server');
    const f = await waitFor(app, 'Drain the whole server or one service?');
    expect(f).toContain('The saved progress of lync-drain was damaged (it is not JSON');
    expect(readdirSync(join(services.configDir, 'procedures'))).toEqual([expect.stringMatching(/^lync-drain\.json\.damaged-/)]);
  });

  it('saved answers that no longer decide every branch: the questions are asked again', async () => {
    const services = testServices();
    mkdirSync(join(services.configDir, 'procedures'), { recursive: true });
    const t = '2026-11-20T08:00:00.000Z';
    writeFileSync(journalPath(services.configDir, 'ca-compromised'), JSON.stringify({ version: 1, procedure: 'ca-compromised', startedAt: t, updatedAt: t, answers: { appliances: 'dozens' }, done: {}, notes: {} }));
    const app = renderApp({ services });
    await openProcedures(app);
    await choose(app, 'Compromised CA');
    let f = await waitFor(app, 'Resume (');
    expect(f).toContain('started 2026-11-20 08:00 UTC');
    await press(app, KEYS.enter);
    f = await waitFor(app, 'How many appliances are in the site?');
    expect(f).toContain('The saved answers do not decide every branch of this procedure');
  });

  it('a procedure without branches goes straight to its steps', async () => {
    const app = renderApp();
    await openProcedures(app);
    await choose(app, 'Reinstall the appliance');
    const f = await waitFor(app, '0 of 5 steps done');
    expect(f).toContain('From: Troubleshoot your Cloud Connector deployment, issue 1');
    await selectStep(app, 'Uninstall the appliance');
    expect(frame(app)).toContain('PS> Uninstall-CcAppliance');
    expect(frame(app)).toContain('DESTRUCTIVE');
  });

  it('a finding that names a procedure links to it (p)', async () => {
    const app = renderApp();
    await waitFor(app, 'No CCE host here.');
    await press(app, KEYS.enter);
    await typeText(app, 'snapshots/symptom-certificate-expiry.json\r');
    await waitFor(app, 'Failed:');
    const order = frame(app).split('\n').filter((l) => /✖ [a-z]/.test(l));
    const index = order.findIndex((l) => l.includes('certificate-expiry'));
    expect(index).toBeGreaterThanOrEqual(0);
    await press(app, ...Array<string>(index).fill(KEYS.down), KEYS.enter);
    await waitFor(app, 'finding certificate-expiry');
    // Issue 14 item 8: the selected step decides: the last step names the ca-compromised procedure,
    // the first one the rule's own (renew-certificates).
    await press(app, KEYS.end);
    await waitFor(app, /Guided procedure: .*CA.*\(press p\)/);
    await press(app, KEYS.home, 'p');
    const f = await waitFor(app, 'Which CCE version?');
    expect(f).toContain('procedure renew-certificates');
    await press(app, KEYS.esc);
    await waitFor(app, 'finding certificate-expiry');
  });
});
