# A separate simulated host's remote session (test code, remote-sim.ps1): run by that host's launcher
# (pwsh-sim.mjs -File, after enter-sim.ps1 made the process that host), it runs the script block sent with
# the arguments sent (serialised, as remoting sends them) and prints each output line framed, for the
# simulated Invoke-Command to hand back as the job's output.
param([string]$Block, [string]$Arguments)
$ccdSimBlock = [scriptblock]::Create([IO.File]::ReadAllText($Block))
$ccdSimArguments = @([System.Management.Automation.PSSerializer]::Deserialize([IO.File]::ReadAllText($Arguments)))
foreach ($ccdSimOutput in @(& $ccdSimBlock @ccdSimArguments)) {
  foreach ($ccdSimLine in ([string]$ccdSimOutput -split '\r?\n')) { [Console]::Out.WriteLine('#ccdoctor:remote ' + $ccdSimLine) }
}
[Console]::Out.Flush()
