# im_python: posts numbered events ("event 1", "event 2", ...) and resumes after a restart from the
# position the host committed, so no lastkey.log of its own is needed.
#   <Input counter>
#     Module     im_python
#     PythonCode conf/python/counter_input.py
#     Param      limit=1000     # stop after this many events (0: never)
#     Param      batch=100      # events per read callback
#   </Input>
import nxlog

LIMIT = int(nxlog.params.get('limit', '1000'))
BATCH = int(nxlog.params.get('batch', '100'))


def read_data(module):
    if 'next' not in module:
        committed = module.get_position()          # None on a first run
        module['next'] = int(committed) + 1 if committed is not None else 1
        nxlog.log_info('counter starts at %d' % module['next'])
    n = module['next']
    end = n + BATCH if LIMIT <= 0 else min(n + BATCH, LIMIT + 1)
    while n < end:
        event = module.logdata_new()
        event.set_field('raw_event', 'event %d' % n)
        event.set_field('n', n)
        event.set_position(n)                       # committed by the host once outputs have flushed
        if not event.post():
            return                                  # agent stopping
        n += 1
    module['next'] = n
    if LIMIT <= 0 or n <= LIMIT:
        module.set_read_timer(0)                    # more to do: call again at once
    else:
        nxlog.log_info('counter done at %d' % (n - 1))
