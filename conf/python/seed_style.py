# The shape of the NXLog S3 sample script (s3_read.py/s3_write.py) minus boto3: a read_event
# callback, module.new_logdata(), module.add_read_event(POLL_INTERVAL), event.get_names().
import nxlog

POLL_INTERVAL = 30
KEYS = ['MYSERVER/2018-05-17/12.36.34.1', 'MYSERVER/2018-05-17/12.36.35.1', 'MYSERVER/2018-05-18/10.46.34.1']


def read_event(module):
    nxlog.log_debug('Checking for new archives')
    lastkey = module.get_position() or ''
    for key in KEYS:
        if key <= lastkey:
            continue
        event = module.new_logdata()
        event.set_field('raw_event', 'object ' + key)
        event.set_field('key', key)
        event.set_position(key)
        event.post()
    module.add_read_event(POLL_INTERVAL)


def write_data(event):
    fields = {}
    for field in event.get_names():
        fields[field] = event.get_field(field)
    nxlog.log_debug('Python alerter received event %r' % (fields,))
