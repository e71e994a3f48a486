import { Box, useInput, useStdin, type Key } from 'ink';
import { guardInputEvents } from './input-guard.js';
import { useCallback, useEffect, useMemo, useReducer, useRef, type RefObject } from 'react';
import { WizardContext, type ExplainFn, type Wizard } from './context.js';
import type { Services } from './engine/services.js';
import { useActions } from './hooks/useActions.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { toCommands, type Command } from './keymap.js';
import { layoutFor } from './layout.js';
import { screenDef, screenKeys, type ScreenDef } from './screens/index.js';
import { Help, helpKeys } from './screens/Help.js';
import { frameLook } from './components/Frame.js';
import { current, initialState, runActive, wizardReducer, type Action, type WizardState } from './state/wizard.js';
import type { Theme } from './theme.js';

export interface AppProps {
  services: Services;
  theme: Theme;
  explain?: ExplainFn;
  initial?: WizardState;
}

export function App(props: AppProps) {
  const [state, reactDispatch] = useReducer(wizardReducer, props.initial ?? initialState);
  // Keys can arrive several in one chunk, before React re-renders: handlers read this ref, which the
  // same pure reducer keeps current synchronously, so the second key sees what the first one did.
  const live = useRef(state);
  const dispatch = useCallback((action: Action) => {
    live.current = wizardReducer(live.current, action);
    reactDispatch(action);
  }, []);
  const size = useTerminalSize();
  const base = useMemo(() => layoutFor(size), [size]);
  const actions = useActions(live, dispatch, props.services);
  const { services } = props;
  // Looking for PowerShell touches the disk: after the first frame, not before it.
  useEffect(() => {
    let on = true;
    void services.liveStatus().then((status) => on && dispatch({ type: 'live', status }));
    return () => {
      on = false;
    };
  }, [services, dispatch]);
  const draft: Wizard = { state, dispatch, services: props.services, theme: props.theme, layout: base, actions, explain: props.explain, keys: [], chrome: { status: [''], hints: [''] } };
  const screenKeyList = screenKeys(draft);
  const keys = state.help ? helpKeys : screenKeyList;
  const wizard: Wizard = { ...draft, ...frameLook(size, state, keys), keys };
  const screen = current(state);
  const def = screenDef(screen.name);
  // Keys typed while a folder was read act once the site view shows (each seeing what the one before did).
  const pending = screen.name === 'fleet-run' ? undefined : state.pendingKeys;
  useEffect(() => {
    if (!pending?.length) return;
    dispatch({ type: 'takeKeys' });
    for (const cmd of pending) route(cmd, { ...wizard, state: live.current }, false);
  });
  return (
    <WizardContext.Provider value={wizard}>
      <KeyRouter wizard={wizard} live={live} />
      <Box flexDirection="column">{state.help ? <Help screen={screen.name} keys={screenKeyList} /> : <def.Component screen={screen} />}</Box>
    </WizardContext.Provider>
  );
}

/**
 * The one always-mounted input handler (ink 6 toggles raw mode when useInput components swap, which
 * can hang on exit). It is active only where raw mode works, so a non-TTY stdin never crashes.
 */
function KeyRouter(props: { wizard: Wizard; live: RefObject<WizardState> }) {
  const { isRawModeSupported, internal_eventEmitter: events } = useStdin();
  // Before any key arrives: input Ink's key parsing could throw on never reaches it.
  guardInputEvents(events);
  const ref = useRef(props.wizard);
  ref.current = props.wizard;
  const live = props.live;
  // The raw sequence of the key being handled: Ink 6 reports Backspace (0x7f) and Delete (ESC[3~) alike.
  // Subscribed before useInput below, so on each key this listener runs first.
  const raw = useRef('');
  useEffect(() => {
    const onInput = (data: string) => {
      raw.current = data;
    };
    events?.on('input', onInput);
    return () => {
      events?.removeListener('input', onInput);
    };
  }, [events]);
  const handler = useCallback((input: string, key: Key) => {
    const w = { ...ref.current, state: live.current };
    const screen = current(w.state);
    const def: ScreenDef = screenDef(screen.name);
    const textEntry = (typeof def.textEntry === 'function' ? def.textEntry(w.state) : def.textEntry) && !w.state.help;
    const opts = { raw: raw.current, multiline: textEntry && def.multiline === true };
    for (const cmd of toCommands(input, key, textEntry, opts)) {
      // Each command sees what the one before it did.
      const now = { ...w, state: live.current };
      const field = current(now.state);
      route(cmd, now, textEntry && ('input' in field ? field.input : '') === '');
    }
  }, [live]);
  useInput(handler, { isActive: isRawModeSupported === true });
  return null;
}

function route(cmd: Command, w: Wizard, emptyField: boolean): void {
  const { state, dispatch, actions } = w;
  if (state.quitArmed && cmd.type === 'quit') return actions.quit();
  if (state.quitArmed) dispatch({ type: 'armQuit', armed: false });
  // On an empty text field, ? still opens the help.
  const help = cmd.type === 'help' || (emptyField && cmd.type === 'char' && cmd.text === '?');
  if (help) return dispatch({ type: 'toggleHelp' });
  if (state.help) {
    if (cmd.type === 'back') dispatch({ type: 'toggleHelp' });
    else if (cmd.type === 'quit') actions.quit();
    return;
  }
  // Backspace on an empty text field goes back, as it does on every other screen.
  if (cmd.type === 'erase' && emptyField) cmd = { type: 'back' };
  if (screenDef(current(state).name).onKey(cmd, w)) return;
  if (cmd.type === 'quit') {
    if (runActive(state)) return dispatch({ type: 'armQuit', armed: true });
    return actions.quit();
  }
  if (cmd.type === 'back') dispatch({ type: 'back' });
}
