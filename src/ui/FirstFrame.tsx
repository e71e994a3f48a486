import { Box } from 'ink';
import { frameLook } from './components/Frame.js';
import { LookContext, type WizardLook } from './context.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { HomeView, homeKeys } from './screens/Home.js';
import { initialState } from './state/wizard.js';
import type { Theme } from './theme.js';

/**
 * The wizard's first frame: the home screen exactly as <App> paints it before any key and before PowerShell
 * is found, from the few modules it needs. It reads no key: keys typed before <App> replaces it wait unread.
 */
export function FirstFrame(props: { theme: Theme; ruleCount: number; explain: boolean }) {
  const size = useTerminalSize();
  const look: WizardLook = { state: initialState, theme: props.theme, ...frameLook(size, initialState, homeKeys) };
  return (
    <LookContext.Provider value={look}>
      <Box flexDirection="column">
        <HomeView facts={{ live: initialState.live, explain: props.explain, ruleCount: props.ruleCount }} cursor={0} />
      </Box>
    </LookContext.Provider>
  );
}
