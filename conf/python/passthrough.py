# om_python pass-through used by bench/python.sh: reads raw_event and counts. The smallest useful
# write_data, so the figure is the per-event cost of om_python itself.
import nxlog


def write_data(event):
    raw = event.get_field('raw_event')
    m = event.module
    m['count'] = m.get('count', 0) + 1
    m['bytes'] = m.get('bytes', 0) + len(raw)
