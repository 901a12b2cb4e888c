export const usage = `Usage: add-free-pictures [options] <file|folder|glob>...

Adds JPEG pictures to a free gallery on AdultWork.com. Without --target or --base-url
it uploads to an embedded mock of the API, so it runs with no account.

Pictures
  --recursive            take JPEGs from sub-folders of the folders given too
  --description TEXT     the description of every picture ("--description=-text"
                         for one that starts with a dash)
  --captions FILE        a CSV or JSON file mapping file names to descriptions
  --strict               send nothing if any input is rejected

Where
  --target NAME          mock (default), sandbox or live
  --base-url URL         any other server, such as http://127.0.0.1:4010
  --as-member USERID     upload for a member of the group you manage
  --token-stdin          read the access token from stdin instead of
                         ADULTWORK_ACCESS_TOKEN (never pass it as an argument)

Run
  --dry-run              check every file and show the batches; send nothing
  --journal PATH         the journal file (default ./add-free-pictures.journal.json);
                         one run at a time, which holds PATH.lock meanwhile
  --retry-unknown        send again pictures whose earlier outcome is unknown
  --max-request-bytes N  request size budget, such as 8MiB or 500KB (default 8MiB,
                         1KiB to 1GiB)
  --concurrency N        requests in flight at once, 1 to 16 (default 1)
  --timeout SECONDS      give up on an attempt after this long, 0.001 to 2147483
                         (default: the client's)

Output
  --json                 one JSON object per event on stdout
  --debug                request timings and sizes on stderr (also DEBUG=add-free-pictures)
  --help                 show this help

Exit codes
  0    every picture is uploaded (now or in an earlier run)
  1    some pictures failed or are unknown, or the journal could not be written
  2    a usage error, or an input was rejected (with --strict nothing was sent)
  3    the server refused the token (401 or 403)
  130  interrupted (Ctrl-C, SIGTERM, SIGHUP or SIGQUIT)`;
