<#
  Parses a batch of PowerShell texts with PowerShell's own parser and reports, for each one, the parse
  errors and what an AST walk finds that Windows PowerShell 5.1 does not have.

  Runs in PowerShell 7 (the test tier's engine); it is test tooling, not a generated script, so it may use
  anything PowerShell 7 has. Called as:
    pwsh -NoProfile -NonInteractive -File parse-batch.ps1 <items.json>
  <items.json>: [{ "name": "...", "b64": "<the text as UTF-16LE, base64>", "detail": "" | "strings" | "tokens", "walk": true|false }, ...]
  (base64 of UTF-16LE carries every string exactly: lone surrogates, NUL, CR, and no date conversion.)
  Writes one JSON document to stdout, every non-ASCII UTF-16 unit as a \uXXXX escape (so lone surrogates
  arrive intact):
    { "psVersion": "7.6.9", "parseMs": 123, "count": n, "results": [{ "name", "errors", "findings", "detail"? }] }
  errors:   { id, message, line, column, text, incomplete }  (ParseError)
  findings: { rule, message, line, column, text }             (the 5.1 walk below; "walk": false skips it)
  detail "strings": the statements, the string constants and the shape of the AST (node types in
  pre-order), for the quoting and injection checks; "tokens" adds every token (kind, text, value).
#>
param([Parameter(Mandatory = $true, Position = 0)][string]$ItemsPath)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
[Console]::OutputEncoding = [Text.UTF8Encoding]::new($false)

$TokenKind = [System.Management.Automation.Language.TokenKind]

# UTF-16 code units copied as they are: Encoding.Unicode would replace a lone surrogate with U+FFFD.
function ConvertFrom-B64([string]$b) {
  $bytes = [Convert]::FromBase64String($b)
  $chars = [char[]]::new([int]($bytes.Length / 2))
  [Buffer]::BlockCopy($bytes, 0, $chars, 0, $bytes.Length)
  [string]::new($chars)
}

function Get-FirstLine([string]$s) {
  $line = ($s -split "`r?`n|`r", 2)[0]
  if ($line.Length -gt 120) { $line = $line.Substring(0, 120) }
  $line
}

function New-Finding($Extent, [string]$Rule, [string]$Message) {
  [ordered]@{
    rule    = $Rule
    message = $Message
    line    = $Extent.StartLineNumber
    column  = $Extent.StartColumnNumber
    text    = Get-FirstLine $Extent.Text
  }
}

# ---------------------------------------------------------------------------------------------------
# What Windows PowerShell 5.1 does not have. Each entry names the version that added it.

# Commands added in PowerShell 6 or 7 (lower case).
$Ps7Commands = @{
  'get-error'                   = '7.0'
  'join-string'                 = '6.2'
  'test-json'                   = '6.1'
  'start-threadjob'             = '6.1 (ThreadJob module ships with PowerShell 6.1+)'
  'get-uptime'                  = '6.0'
  'remove-service'              = '6.0'
  'remove-alias'                = '6.0'
  'convertfrom-markdown'        = '6.1'
  'show-markdown'               = '6.1'
  'get-markdownoption'          = '6.1'
  'set-markdownoption'          = '6.1'
  'get-experimentalfeature'     = '6.2'
  'enable-experimentalfeature'  = '6.2'
  'disable-experimentalfeature' = '6.2'
  'get-securerandom'            = '7.4'
  'convertto-clixml'            = '7.5'
  'convertfrom-clixml'          = '7.5'
  'get-pssubsystem'             = '7.3'
}

# Parameters of built-in cmdlets added in PowerShell 6 or 7 (full names; abbreviations and aliases are
# resolved against the cmdlet's metadata in this PowerShell).
$Ps7Parameters = @{
  'convertfrom-json'          = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
  'convertto-json'            = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
  'foreach-object'            = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace')
  'get-content'               = @('AsByteStream')
  'set-content'               = @('AsByteStream')
  'add-content'               = @('AsByteStream')
  'join-path'                 = @('AdditionalChildPath')
  'split-path'                = @('LeafBase', 'Extension')
  'sort-object'               = @('Top', 'Bottom')
  'select-string'             = @('Raw', 'NoEmphasis')
  'get-date'                  = @('AsUTC', 'UnixTimeSeconds')
  'tee-object'                = @('Encoding')
  'import-powershelldatafile' = @('SkipLimitCheck')
  'invoke-webrequest'         = @('SkipCertificateCheck', 'Authentication', 'Token', 'SslProtocol', 'SkipHeaderValidation', 'SkipHttpErrorCheck', 'NoProxy', 'ResponseHeadersVariable', 'StatusCodeVariable', 'Form', 'MaximumRetryCount', 'RetryIntervalSec', 'Resume', 'CustomMethod', 'AllowUnencryptedAuthentication', 'PreserveAuthorizationOnRedirect', 'HttpVersion', 'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds', 'AllowInsecureRedirect')
  'invoke-restmethod'         = @('SkipCertificateCheck', 'Authentication', 'Token', 'SslProtocol', 'SkipHeaderValidation', 'SkipHttpErrorCheck', 'NoProxy', 'ResponseHeadersVariable', 'StatusCodeVariable', 'Form', 'MaximumRetryCount', 'RetryIntervalSec', 'Resume', 'CustomMethod', 'AllowUnencryptedAuthentication', 'PreserveAuthorizationOnRedirect', 'HttpVersion', 'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds', 'AllowInsecureRedirect')
  'test-connection'           = @('TargetName', 'TcpPort', 'Traceroute', 'MtuSize', 'Repeat', 'IPv4', 'IPv6', 'ResolveDestination', 'TimeoutSeconds', 'MaxHops')
}
# Parameters that no 5.1 command has, whatever the command (matched by full name only).
$Ps7AnyParameters = @{ 'skiplimitcheck' = '7.2'; 'asbytestream' = '6.0'; 'progressaction' = '7.4 (common parameter)' }

# Values -Encoding takes in 5.1 (FileSystemCmdletProviderEncoding and the ValidateSets of Out-File,
# Export-Csv, ...). utf8NoBOM, utf8BOM, ansi, code page numbers and names are PowerShell 6+.
$Encodings51 = @('unknown', 'string', 'unicode', 'byte', 'bigendianunicode', 'bigendianutf32', 'utf8', 'utf7', 'utf32', 'ascii', 'default', 'oem')
$EncodingCommands = @('out-file', 'set-content', 'add-content', 'get-content', 'export-csv', 'import-csv', 'export-clixml', 'select-string', 'send-mailmessage', 'format-hex', 'export-pssession', 'tee-object')

# Automatic and preference variables added in PowerShell 6 or 7 (reading them in 5.1 gives $null).
$Ps7Variables = @{
  'iswindows' = '6.0'; 'islinux' = '6.0'; 'ismacos' = '6.0'; 'iscoreclr' = '6.0'
  'psstyle' = '7.2'; 'psnativecommandargumentpassing' = '7.3'; 'psnativecommanduseerroractionpreference' = '7.3'
  'enabledexperimentalfeatures' = '6.2'
}

# .NET members of .NET Core / .NET 5+ that .NET Framework 4.x (under Windows PowerShell) lacks.
$NetCoreStatics = @{
  'io.path::getrelativepath' = '.NET Core 2.0'; 'io.path::join' = '.NET Core 2.1'; 'io.path::trimendingdirectoryseparator' = '.NET Core 3.0'
  'io.path::endsindirectoryseparator' = '.NET Core 3.0'; 'convert::tohexstring' = '.NET 5'; 'convert::fromhexstring' = '.NET 5'
  'environment::processid' = '.NET 5'; 'environment::processpath' = '.NET 6'; 'text.encoding::latin1' = '.NET 5'
  'operatingsystem::iswindows' = '.NET 5'; 'operatingsystem::islinux' = '.NET 5'; 'operatingsystem::ismacos' = '.NET 5'
  'string::create' = '.NET Core 2.1'; 'security.cryptography.randomnumbergenerator::getint32' = '.NET Core 3.0'
}

# 5.1 aliases of the commands above (PowerShell 7 on Linux lacks some of them, e.g. sort, sc, cat).
$Aliases = @{
  '%' = 'foreach-object'; 'foreach' = 'foreach-object'; 'gc' = 'get-content'; 'cat' = 'get-content'; 'type' = 'get-content'
  'sc' = 'set-content'; 'ac' = 'add-content'; 'sort' = 'sort-object'; 'sls' = 'select-string'; 'tee' = 'tee-object'
  'iwr' = 'invoke-webrequest'; 'curl' = 'invoke-webrequest'; 'wget' = 'invoke-webrequest'; 'irm' = 'invoke-restmethod'
  'epcsv' = 'export-csv'; 'ipcsv' = 'import-csv'; 'fhx' = 'format-hex'
}

$CmdletParams = @{}
# The full parameter name a written (possibly abbreviated or aliased) name binds to, when it is unambiguous.
function Resolve-ParameterName([string]$Command, [string]$Written) {
  if (-not $CmdletParams.ContainsKey($Command)) {
    $map = @{}
    $c = Get-Command -Name $Command -CommandType Cmdlet -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($c) {
      foreach ($p in $c.Parameters.Values) {
        $map[$p.Name.ToLowerInvariant()] = $p.Name
        foreach ($a in $p.Aliases) { $map[$a.ToLowerInvariant()] = $p.Name }
      }
    }
    $CmdletParams[$Command] = $map
  }
  $map = $CmdletParams[$Command]
  $w = $Written.ToLowerInvariant()
  if ($map.ContainsKey($w)) { return $map[$w] }
  $hits = @($map.Keys | Where-Object { $_.StartsWith($w) } | ForEach-Object { $map[$_] } | Select-Object -Unique)
  if ($hits.Count -eq 1) { return $hits[0] }
  $Written
}

function Get-CommandFindings($cmd) {
  $out = [System.Collections.Generic.List[object]]::new()
  $name = $cmd.GetCommandName()
  if (-not $name) { return $out }
  $lower = $name.ToLowerInvariant()
  if ($lower.StartsWith('microsoft.powershell.')) { $lower = $lower.Substring($lower.LastIndexOf('\') + 1) }
  if ($Aliases.ContainsKey($lower)) { $lower = $Aliases[$lower] }
  if ($Ps7Commands.ContainsKey($lower)) {
    $out.Add((New-Finding $cmd.Extent 'ps7-command' "$name (PowerShell $($Ps7Commands[$lower]))"))
  }
  $known = $Ps7Parameters.ContainsKey($lower) -or $lower -eq 'convertto-json' -or $EncodingCommands -contains $lower
  $bound = [System.Collections.Generic.List[string]]::new()
  $splatted = $false
  $elements = $cmd.CommandElements
  for ($i = 1; $i -lt $elements.Count; $i++) {
    $el = $elements[$i]
    if ($el -is [System.Management.Automation.Language.VariableExpressionAst] -and $el.Splatted) { $splatted = $true; continue }
    if ($el -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
    $written = $el.ParameterName
    $full = if ($known) { Resolve-ParameterName $lower $written } else { $written }
    $bound.Add($full.ToLowerInvariant())
    if ($Ps7AnyParameters.ContainsKey($full.ToLowerInvariant())) {
      $out.Add((New-Finding $el.Extent 'ps7-parameter' "-$full (PowerShell $($Ps7AnyParameters[$full.ToLowerInvariant()]))"))
    }
    # Reached by its own name (or an abbreviation of it), not through an alias: Test-Connection's
    # -ComputerName is a 5.1 parameter that PowerShell 7 keeps as an alias of -TargetName.
    elseif ($Ps7Parameters.ContainsKey($lower) -and ($Ps7Parameters[$lower] -contains $full) -and $full.StartsWith($written, [StringComparison]::OrdinalIgnoreCase)) {
      $out.Add((New-Finding $el.Extent 'ps7-parameter' "$name -$full (PowerShell 6+)"))
    }
    if ($full -eq 'Encoding' -and $EncodingCommands -contains $lower) {
      # The value: -Encoding:x, or the next element.
      $arg = $el.Argument
      if (-not $arg -and $i + 1 -lt $elements.Count -and $elements[$i + 1] -isnot [System.Management.Automation.Language.CommandParameterAst]) { $arg = $elements[$i + 1] }
      $value = $null
      if ($arg -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $value = $arg.Value }
      elseif ($arg -is [System.Management.Automation.Language.ConstantExpressionAst]) { $value = [string]$arg.Value }
      if ($null -ne $value -and $Encodings51 -notcontains $value.ToLowerInvariant()) {
        $out.Add((New-Finding $el.Extent 'ps7-encoding' "-Encoding $value (PowerShell 6+; 5.1 has $($Encodings51 -join ', '))"))
      }
    }
  }
  if ($lower -eq 'convertto-json' -and -not ($bound -contains 'depth')) {
    $why = if ($splatted) { 'ConvertTo-Json with splatted parameters: an explicit -Depth must be visible' } else { 'ConvertTo-Json without an explicit -Depth (5.1 truncates at 2)' }
    $out.Add((New-Finding $cmd.Extent 'convertto-json-depth' $why))
  }
  $out
}

# Escapes in double-quoted strings that 5.1 reads as a plain letter: `u{...} (6.0) and `e (6.0).
$NewEscape = [regex]'(?<!`)(?:``)*`(u\{[0-9A-Fa-f]+\}|e)'
# Cheap filters on the raw text before the token scans.
$MaybeLeadingPipe = [regex]'[\r\n][ \t]*\|'
$MaybeNewEscape = [regex]'`(u\{|e)'

$AllNodes = [Func[System.Management.Automation.Language.Ast, bool]] { $true }

function Get-Ps7Findings($text, $nodes, $tokens) {
  $found = [System.Collections.Generic.List[object]]::new()
  foreach ($n in $nodes) {
    $typeName = $n.GetType().Name
    if ($typeName -eq 'InvokeMemberExpressionAst' -or $typeName -eq 'BaseCtorInvokeMemberExpressionAst') { $typeName = 'MemberExpressionAst' }
    switch -Exact ($typeName) {
      'TernaryExpressionAst' { $found.Add((New-Finding $n.Extent 'ternary' 'ternary ? : (PowerShell 7.0)')) }
      'BinaryExpressionAst' {
        if ($n.Operator -eq $TokenKind::QuestionQuestion) { $found.Add((New-Finding $n.Extent 'null-coalescing' '?? (PowerShell 7.0)')) }
        if (($n.Operator -eq $TokenKind::Ireplace -or $n.Operator -eq $TokenKind::Creplace) -and $n.Right -is [System.Management.Automation.Language.ArrayLiteralAst] -and
          $n.Right.Elements.Count -eq 2 -and $n.Right.Elements[1] -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) {
          $found.Add((New-Finding $n.Extent 'replace-scriptblock' '-replace with a script block substitution (PowerShell 6.1; 5.1 uses the block''s text)'))
        }
      }
      'AssignmentStatementAst' {
        if ($n.Operator -eq $TokenKind::QuestionQuestionEquals) { $found.Add((New-Finding $n.Extent 'null-coalescing-assignment' '??= (PowerShell 7.0)')) }
      }
      'MemberExpressionAst' {
        if ($n.NullConditional) { $found.Add((New-Finding $n.Extent 'null-conditional' '?. null-conditional member access (PowerShell 7.1)')) }
        if ($n -is [System.Management.Automation.Language.InvokeMemberExpressionAst] -and $null -ne $n.GenericTypeArguments -and $n.GenericTypeArguments.Count -gt 0) {
          $found.Add((New-Finding $n.Extent 'generic-method' 'generic method call .M[T]() (PowerShell 7.3)'))
        }
        if ($n.Static -and $n.Expression -is [System.Management.Automation.Language.TypeExpressionAst] -and $n.Member -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
          $t = $n.Expression.TypeName.FullName.ToLowerInvariant()
          if ($t.StartsWith('system.')) { $t = $t.Substring(7) }
          $key = $t + '::' + $n.Member.Value.ToLowerInvariant()
          if ($NetCoreStatics.ContainsKey($key)) { $found.Add((New-Finding $n.Extent 'netcore-api' "$($n.Extent.Text) ($($NetCoreStatics[$key]); not in .NET Framework)")) }
        }
      }
      'IndexExpressionAst' {
        if ($n.NullConditional) { $found.Add((New-Finding $n.Extent 'null-conditional' '?[] null-conditional index (PowerShell 7.1)')) }
      }
      'PipelineChainAst' { $found.Add((New-Finding $n.Extent 'pipeline-chain' '&& / || pipeline chain (PowerShell 7.0)')) }
      'PipelineAst' {
        if ($n.Background) { $found.Add((New-Finding $n.Extent 'background-operator' 'trailing & background operator (PowerShell 6.0)')) }
      }
      'ScriptBlockAst' {
        if ($null -ne $n.CleanBlock) { $found.Add((New-Finding $n.CleanBlock.Extent 'clean-block' 'clean { } block (PowerShell 7.3)')) }
      }
      'VariableExpressionAst' {
        $v = $n.VariablePath.UserPath.ToLowerInvariant()
        if ($Ps7Variables.ContainsKey($v)) { $found.Add((New-Finding $n.Extent 'ps7-variable' "`$$($n.VariablePath.UserPath) (PowerShell $($Ps7Variables[$v]))")) }
        # $b?.Name reads a variable named 'b?': a null-conditional was meant (PowerShell 7.1 needs ${b}?.Name; 5.1 has none).
        if ($v.EndsWith('?') -and -not $n.Extent.Text.StartsWith('${')) { $found.Add((New-Finding $n.Extent 'question-variable' "$($n.Extent.Text): a variable name ending in ? (a ?. or ?[ null-conditional meant; PowerShell 7.1, not 5.1)")) }
      }
      'ConstantExpressionAst' {
        $v = $n.Value
        if ($v -is [byte] -or $v -is [sbyte] -or $v -is [int16] -or $v -is [uint16] -or $v -is [uint32] -or $v -is [uint64] -or $v -is [System.Numerics.BigInteger]) {
          $found.Add((New-Finding $n.Extent 'numeric-literal' "numeric literal with a type suffix $($n.Extent.Text) (PowerShell 6.2/7.0)"))
        }
        elseif ($n.Extent.Text -match '^[+-]?0[bB][01]') {
          $found.Add((New-Finding $n.Extent 'numeric-literal' "binary literal $($n.Extent.Text) (PowerShell 7.0)"))
        }
      }
      'CommandAst' {
        foreach ($f in (Get-CommandFindings $n)) { $found.Add($f) }
      }
    }
  }
  # Token-level: a line that starts with | (leading-pipe continuation, PowerShell 7.0; 5.1: "An empty
  # pipe element is not allowed"), and 6.0 escapes in double-quoted strings (nested tokens included).
  if ($MaybeLeadingPipe.IsMatch($text)) {
    $previous = $null
    foreach ($t in $tokens) {
      if ($t.Kind -eq $TokenKind::Comment) { continue }
      if ($t.Kind -eq $TokenKind::Pipe -and $null -ne $previous -and $previous.Kind -eq $TokenKind::NewLine) {
        $found.Add((New-Finding $t.Extent 'leading-pipe' 'line starting with | (PowerShell 7.0)'))
      }
      $previous = $t
    }
  }
  if ($MaybeNewEscape.IsMatch($text)) {
    $stack = [System.Collections.Generic.Stack[object]]::new()
    foreach ($t in $tokens) { $stack.Push($t) }
    while ($stack.Count -gt 0) {
      $t = $stack.Pop()
      if ($t -is [System.Management.Automation.Language.StringExpandableToken]) {
        if ($NewEscape.IsMatch($t.Text)) {
          $found.Add((New-Finding $t.Extent 'string-escape' "``u{…} / ``e escape in a double-quoted string (PowerShell 6.0; 5.1 reads a plain letter)"))
        }
        if ($null -ne $t.NestedTokens) { foreach ($nt in $t.NestedTokens) { $stack.Push($nt) } }
      }
    }
  }
  $found
}

# ---------------------------------------------------------------------------------------------------
# Detail for the quoting and injection checks. Strings go out as they are: the JSON is written with
# -EscapeHandling EscapeNonAscii, so every non-ASCII UTF-16 unit (a lone surrogate too) is a \uXXXX escape.

function Get-Detail($ast, $nodes, $tokens, [bool]$withTokens) {
  $shape = [System.Collections.Generic.List[string]]::new($nodes.Count)
  $strings = [System.Collections.Generic.List[object]]::new()
  foreach ($n in $nodes) {
    $shape.Add($n.GetType().Name)
    if ($n -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
      $strings.Add([ordered]@{ type = $n.StringConstantType.ToString(); value = $n.Value })
    }
  }
  $statements = @()
  if ($null -ne $ast.EndBlock) { $statements = @($ast.EndBlock.Statements) }
  $others = 0
  foreach ($b in @($ast.ParamBlock, $ast.BeginBlock, $ast.ProcessBlock, $ast.DynamicParamBlock)) { if ($null -ne $b) { $others++ } }
  # The one statement as a list of elements: a pipeline of one command, or of one expression.
  $single = $null
  if ($statements.Count -eq 1 -and $statements[0] -is [System.Management.Automation.Language.PipelineAst] -and $statements[0].PipelineElements.Count -eq 1) {
    $el = $statements[0].PipelineElements[0]
    if ($el -is [System.Management.Automation.Language.CommandAst]) {
      $elements = foreach ($e in $el.CommandElements) {
        $o = [ordered]@{ type = $e.GetType().Name }
        if ($e -is [System.Management.Automation.Language.CommandParameterAst]) { $o.parameter = $e.ParameterName; $o.hasArgument = $null -ne $e.Argument }
        if ($e -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $o.stringType = $e.StringConstantType.ToString(); $o.value = $e.Value }
        $o
      }
      $single = [ordered]@{ kind = 'command'; elements = @($elements); redirections = $el.Redirections.Count }
    }
    elseif ($el -is [System.Management.Automation.Language.CommandExpressionAst]) {
      $x = $el.Expression
      $o = [ordered]@{ kind = 'expression'; type = $x.GetType().Name; redirections = $el.Redirections.Count }
      if ($x -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $o.stringType = $x.StringConstantType.ToString(); $o.value = $x.Value }
      $single = $o
    }
  }
  $d = [ordered]@{
    statements  = $statements.Count
    otherBlocks = $others
    shape       = [string]::Join(' ', $shape)
    strings     = $strings
    single      = $single
  }
  if ($withTokens) {
    $tok = [System.Collections.Generic.List[object]]::new()
    foreach ($t in $tokens) {
      if ($t.Kind -eq $TokenKind::EndOfInput) { continue }
      $o = [ordered]@{ kind = $t.Kind.ToString(); text = $t.Text }
      if ($t -is [System.Management.Automation.Language.StringToken]) { $o.value = $t.Value }
      $tok.Add($o)
    }
    $d.tokens = $tok
  }
  $d
}

# ---------------------------------------------------------------------------------------------------

$raw = [IO.File]::ReadAllText($ItemsPath, [Text.Encoding]::UTF8)
$items = $raw | ConvertFrom-Json -NoEnumerate
$clock = [Diagnostics.Stopwatch]::StartNew()
$results = [System.Collections.Generic.List[object]]::new()
foreach ($item in $items) {
  $text = ConvertFrom-B64 $item.b64
  $tokens = $null
  $parseErrors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$parseErrors)
  $nodes = $ast.FindAll($AllNodes, $true)
  $errors = [System.Collections.Generic.List[object]]::new()
  foreach ($e in $parseErrors) {
    $errors.Add([ordered]@{
        id         = $e.ErrorId
        message    = $e.Message
        line       = $e.Extent.StartLineNumber
        column     = $e.Extent.StartColumnNumber
        text       = Get-FirstLine $e.Extent.Text
        incomplete = [bool]$e.IncompleteInput
      })
  }
  $findings = [System.Collections.Generic.List[object]]::new()
  if (-not ($item.PSObject.Properties['walk'] -and $item.walk -eq $false)) {
    foreach ($f in (Get-Ps7Findings $text $nodes $tokens)) { $findings.Add($f) }
  }
  $r = [ordered]@{ name = [string]$item.name; errors = $errors; findings = $findings }
  $detail = if ($item.PSObject.Properties['detail']) { [string]$item.detail } else { '' }
  if ($detail -eq 'tokens' -or $detail -eq 'strings') { $r.detail = Get-Detail $ast $nodes $tokens ($detail -eq 'tokens') }
  $results.Add($r)
}
$clock.Stop()
$doc = [ordered]@{ psVersion = $PSVersionTable.PSVersion.ToString(); parseMs = $clock.ElapsedMilliseconds; count = $results.Count; results = $results }
[Console]::Out.Write((ConvertTo-Json -InputObject $doc -Depth 12 -Compress -EscapeHandling EscapeNonAscii))
[Console]::Out.Flush()
