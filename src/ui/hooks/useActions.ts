import { useApp } from 'ink';
import { useEffect, useMemo, useRef, type Dispatch, type RefObject } from 'react';
import { InputError } from '../../core/errors.js';
import { evaluateRule } from '../../core/engine/evaluate.js';
import { parseVersion } from '../../core/versions.js';
import type { Actions } from '../context.js';
import type { Services } from '../engine/services.js';
import type { Action, WizardState } from '../state/wizard.js';
import { clean } from '../text.js';
import { errorMessage } from '../error-message.js';

/** A failed run's message: bad input as it is, anything else as an internal error. */
function errorText(e: unknown): string {
  return e instanceof InputError ? errorMessage(e) : `internal error: ${errorMessage(e)}`;
}

/** The wizard's side effects: runs (with cancel), quitting, verifying a rule, saving checklist answers. */
export function useActions(stateRef: RefObject<WizardState>, dispatch: Dispatch<Action>, services: Services): Actions {
  const { exit } = useApp();
  const abort = useRef<AbortController | undefined>(undefined);
  // Leaving the app stops a run in progress.
  useEffect(() => () => abort.current?.abort(), []);
  return useMemo<Actions>(() => ({
    startRun(source) {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      dispatch({ type: 'runStarted', at: Date.now() });
      services
        .run(source, { signal: controller.signal, onStep: (step) => dispatch({ type: 'runStep', step }) })
        .then(
          (result) => {
            if (abort.current !== controller) return;
            dispatch({ type: 'runFinished', result });
            if (source.kind === 'snapshot' && source.remember !== false) void services.rememberRecent(source.path);
          },
          (e: unknown) => {
            if (abort.current !== controller) return;
            dispatch({ type: 'runFailed', error: errorText(e) });
          },
        );
    },
    startFleet(inputs, shown, path) {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      dispatch({ type: 'fleetStarted', shown, total: inputs.length, at: Date.now() });
      // A frame per host would redraw hundreds of times a second on a large folder: at most every 100 ms.
      let shownAt = 0;
      services
        .runFleet(inputs, {
          signal: controller.signal,
          onProgress(progress) {
            const now = Date.now();
            if (now - shownAt < 100 && progress.done < progress.total) return;
            shownAt = now;
            dispatch({ type: 'fleetProgress', progress });
          },
        })
        .then(
          (result) => {
            if (abort.current !== controller) return;
            dispatch({ type: 'fleetFinished', result });
            void services.rememberRecent(path);
          },
          (e: unknown) => {
            if (abort.current !== controller) return;
            dispatch({ type: 'fleetFailed', error: errorText(e) });
          },
        );
    },
    cancelRun() {
      dispatch({ type: 'cancelRequested' });
      abort.current?.abort();
    },
    quit() {
      abort.current?.abort();
      exit();
    },
    verify(ruleId) {
      const run = stateRef.current.run?.result;
      const rule = run?.rules.find((r) => r.id === ruleId);
      if (!run || !rule) return;
      const v = run.store.get('cce.version');
      const result = evaluateRule(rule, run.store, v.status === 'ok' ? parseVersion(String(v.value)) : undefined, new Date(), {});
      dispatch({ type: 'resultUpdated', result });
      const verdict = result.status === 'fail' ? 'still fails' : result.status === 'pass' ? 'now passes' : `is ${result.status}`;
      dispatch({ type: 'toast', text: `Verified ${ruleId} against this run's facts (${run.source.kind}): it ${verdict}.` });
    },
    saveChecklist(path) {
      const run = stateRef.current.run?.result;
      if (!run) return;
      services.saveChecklist(run.store, path).then(
        (abs) => {
          dispatch({ type: 'back' });
          dispatch({ type: 'toast', text: `Saved the answers to ${clean(abs)}` });
        },
        (e: unknown) => dispatch({ type: 'patch', name: 'save', patch: { error: errorMessage(e) } }),
      );
    },
    copyCommand(command, what) {
      services.copy(command).then(
        (r) => dispatch({
          type: 'toast',
          text: r.via === 'terminal'
            ? `Copied the command of ${what} to the clipboard (OSC 52).`
            : `No clipboard here (${r.why}): the command of ${what} is in ${clean(r.path)}`,
        }),
        (e: unknown) => dispatch({ type: 'toast', text: `Could not copy the command: ${errorMessage(e)}` }),
      );
    },
  }), [dispatch, services, exit]);
}
