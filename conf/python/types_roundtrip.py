# im_python + om_python test script for the field type mapping, both ways.
# As an input it posts one event with a field of every type; as an output it checks that the event
# it gets back has the same Python types and values (raises otherwise) and that deleting works.
from datetime import datetime, timezone
import nxlog

EXPECTED = {
    'text': 'héllo wörld',
    'count': 9007199254740993,          # > 2**53: must stay exact
    'negative': -42,
    'flag': True,
    'off': False,
    'ratio': 0.25,
    'when': datetime(2024, 2, 29, 13, 14, 15, 123456, tzinfo=timezone.utc),
    'blob': bytes(range(256)),
}


def read_data(module):
    event = module.logdata_new()
    for name, value in EXPECTED.items():
        event.set_field(name, value)
    event.set_field('gone', 'x')
    event.set_field('gone', None)            # None removes the field
    event.set_field('also_gone', 1)
    event.delete_field('also_gone')
    event.set_field('names', ','.join(event.field_names()))
    event.post()


def write_data(event):
    for name, want in EXPECTED.items():
        got = event.get_field(name)
        if type(got) is not type(want) or got != want:
            raise AssertionError('%s: got %r (%s), want %r (%s)' % (name, got, type(got).__name__,
                                                                    want, type(want).__name__))
    if event.get_field('missing') is not None:
        raise AssertionError('absent field must be None')
    names = event.get_names()
    for name in EXPECTED:
        if name not in names:
            raise AssertionError('field_names() misses %s: %r' % (name, names))
    if 'gone' in names:
        raise AssertionError('deleted field still there')
    nxlog.log_debug('round trip ok')
