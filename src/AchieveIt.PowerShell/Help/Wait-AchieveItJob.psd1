@{
    Synopsis    = 'Waits until AchieveIt jobs finish, and writes each one as it does.'
    Description = @'
Wait-AchieveItJob follows many jobs at once, with a progress bar, polling fast at first and then backing off (about 1, 1, 1, 2, 4, 8 s, then every 10 to 30 s; a Retry-After from the server wins). It writes each job when it finishes.

A failed job is a non-terminating error JobFailed with the job as its target, so -ErrorAction Stop (or $ErrorActionPreference = 'Stop') fails a runbook. With -Timeout, a job still running at the end is error WaitTimeout and is written in its last state. Ctrl+C stops the wait at once, even in the middle of a request.
'@
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Job IDs, by value or by a JobId property.' }
        @{ Type = 'AchieveIt.Job'; Description = 'Jobs from Submit-AchieveItUpdates or Get-AchieveItJob.' }
    )
    Outputs     = @(
        @{ Type = 'AchieveIt.Job'; Description = 'Each job in its final state (or its last state after a timeout).' }
    )
    Defaults    = @{ Timeout = 'Until every job is done'; Environment = 'Commercial (or Connect-AchieveIt / ACHIEVEIT_ENVIRONMENT)'; ApiKey = 'Connect-AchieveIt, then ACHIEVEIT_API_KEY'; BaseUri = 'The environment''s address'; Proxy = 'The system proxy' }
    Examples    = @(
        @{
            Title   = 'Submit in batches and wait for all of them'
            Code    = 'Import-Csv ./kpis.csv | Submit-AchieveItUpdates -BatchSize 2 | Wait-AchieveItJob -Timeout 600'
            Remarks = 'The jobs are followed together; each is written as soon as it finishes.'
            Sandbox = $true
        }
        @{
            Title   = 'Fail a runbook when a job fails'
            Code    = @'
$jobs = Import-Csv ./kpis.csv | Submit-AchieveItUpdates
$jobs | Wait-AchieveItJob -ErrorAction Stop | Select-Object JobId, State, Message
'@
            Remarks = 'A failed job throws JobFailed; its TargetObject is the job, with AchieveIt''s reasons in Message.'
            Sandbox = $true
        }
    )
}
