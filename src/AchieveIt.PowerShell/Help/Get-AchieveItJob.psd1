@{
    Synopsis    = 'Gets the current state of AchieveIt jobs, or lists the jobs of earlier sessions from the submission journal.'
    Description = @'
Get-AchieveItJob asks AchieveIt once for the state of each job: Processing (202), Succeeded (200) or Failed (400, or a 500 confirmed by a second request). It takes job IDs or the AchieveIt.Job objects Submit-AchieveItUpdates wrote, and writes an up-to-date copy of each job. Passing server faults (timeouts, 408, 429, 502, 503, 504) are retried with backoff, within -Timeout seconds (60 by default) per job.

With -Recent (and -Since) it lists the submissions of any session from the per-user submission journal, newest first, for the current environment (or -Environment / -BaseUri), refreshing from AchieveIt the state of each job that is not final: a runbook restarted by its scheduler can finish what a dead session started. A submission whose upload outcome is unknown is listed as Unknown, with what to check in its Message. Without a key, the journal's last known states are listed, with a warning.
'@
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Job IDs, by value or by a JobId property.' }
        @{ Type = 'AchieveIt.Job'; Description = 'Jobs from Submit-AchieveItUpdates, Get-AchieveItJob or Wait-AchieveItJob.' }
    )
    Outputs     = @(
        @{ Type = 'AchieveIt.Job'; Description = 'The job with its current State, StatusCode, LastCheckedAt and Message.' }
    )
    Defaults    = @{ Environment = 'Commercial (or Connect-AchieveIt / ACHIEVEIT_ENVIRONMENT)'; ApiKey = 'Connect-AchieveIt, then ACHIEVEIT_API_KEY'; BaseUri = 'The environment''s address'; Proxy = 'The system proxy' }
    Examples    = @(
        @{
            Title   = 'Check on jobs just submitted'
            Code    = @'
$jobs = Import-Csv ./kpis.csv | Submit-AchieveItUpdates -BatchSize 2
$jobs | Get-AchieveItJob
'@
            Remarks = 'A job known only by ID works too: Get-AchieveItJob -JobId 5038014d-e4b1-4b5b-868f-21612c2cf252 (IDs submitted in this session tab-complete).'
            Sandbox = $true
        }
        @{
            Title   = 'See why a job failed'
            Code    = @'
$job = Import-Csv ./kpis.csv | Submit-AchieveItUpdates
(Get-AchieveItJob -JobId $job.JobId).Message
'@
            Remarks = 'For a failed job, Message holds AchieveIt''s reasons with line numbers.'
            Sandbox = $true
        }
        @{
            Title   = 'Finish what a dead session started'
            Code    = @'
Get-AchieveItJob -Recent 3 | Wait-AchieveItJob -Timeout 600
'@
            Remarks = 'Lists the three latest submissions to this environment from the journal (any session, any process) and waits for those not finished. Get-AchieveItJob -Since (Get-Date).AddHours(-12) lists every submission since then.'
            Sandbox = $true
        }
    )
}
