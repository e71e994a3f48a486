import type { FactSpec } from '../../src/core/facts/types.js';
import { hostFile } from '../../src/facts/shapes.js';

/**
 * The collected facts the simulated host models (model.ts turns their snapshot values into host state that
 * the real probe reads back), besides host files (isHostFileFact). A fact added to src/facts/ since is not
 * modelled until someone teaches model.ts (and CcdSim.psm1, when its probe uses a Windows-only command) to:
 * its probe fails here with a fault saying so, and the live-equivalence test fails once, naming the fact
 * (the rules that read it are left out of the comparison, so that is the only failure): a new fact never
 * passes the PowerShell tier unseen.
 */
export const SIMULATED_FACTS: ReadonlySet<string> = new Set([
  'host.env', 'host.lastBoot', 'host.name', 'host.os', 'cce.applianceRoot', 'cce.runningVersion', 'cce.scriptVersion',
  'ps.cloudConnectorModule', 'dotnet.release', 'ps.moduleAnalysisCache', 'ps.modulePath', 'hyperv.switches', 'hyperv.vms', 'cce.directories',
  'host.adapters', 'host.defenderExclusions', 'host.mountedImages', 'host.windowsUpdatePolicy', 'host.winhttpProxy',
  'ps.processes', 'vm.domainMembership', 'vm.firewallRules', 'vm.services', 'certs.edgeStores', 'certs.external',
  'certs.internal', 'cce.credentialFile', 'cce.credentialRead', 'cce.managementLog', 'host.recentUpdates', 'lync.pool',
  'lync.services',
]);

export const NOT_SIMULATED = 'simulated: test/sim-host does not model this fact yet (see test/sim-host/simulated-facts.ts)';

/**
 * A fact whose value is a file of the host (schema: hostFile, src/facts/shapes.ts) needs no teaching: the
 * simulated disk holds the file where its value says, with its bytes and time, and the fact's real probe
 * has to find and read it there (a probe that looks elsewhere finds nothing).
 */
export const isHostFileFact = (spec: FactSpec<any>): boolean => spec.schema === hostFile;

/** Whether the simulated host models this fact: listed above, or a host file. */
export const isSimulated = (spec: FactSpec<any>): boolean => SIMULATED_FACTS.has(spec.id) || isHostFileFact(spec);
