# om_python: writes selected fields of every event as one tab-separated line.
#   <Output fields>
#     Module     om_python
#     PythonCode conf/python/write_fields.py
#     FlushCall  flush_data                  # makes the lines durable when the host flushes
#     Param      output=/var/log/fields.tsv
#     Param      fields=n,raw_event
#   </Output>
import os
import nxlog

OUTPUT = nxlog.params.get('output', 'fields.tsv')
FIELDS = [f.strip() for f in nxlog.params.get('fields', 'raw_event').split(',') if f.strip()]


def _file(module):
    if 'fh' not in module:
        module['fh'] = open(OUTPUT, 'a', encoding='utf-8')
    return module['fh']


def write_data(event):
    values = []
    for name in FIELDS:
        v = event.get_field(name)
        values.append('' if v is None else str(v))
    _file(event.module).write('\t'.join(values) + '\n')


def flush_data(module):
    fh = _file(module)
    fh.flush()
    os.fsync(fh.fileno())
