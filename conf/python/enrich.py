# xm_python example (docs/modules/xm_python.md): Exec python_call("enrich"); calls enrich(event).
import nxlog


def enrich(event):
    event.set_field('Length', len(event.get_field('raw_event')))
    event.delete_field('Password')
