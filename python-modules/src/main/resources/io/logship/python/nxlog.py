# The `nxlog` module that im_python / om_python scripts import, as NXLog's own modules provide it.
# logship evaluates this file once per module instance (one GraalPy context each) and registers it
# in sys.modules before the user's script runs. The Java side is reached through `_bridge`.
#
# Events (NXLog's LogData) are Java objects (io.logship.python.EventBridge) whose methods Python calls
# directly: set_field, get_field, delete_field, field_names / get_names, set_position, get_position,
# post, and the attribute module. The module object is a dict (per-instance state) with logdata_new /
# new_logdata, set_read_timer / add_read_event, post, get_position, get_positions, params.

from datetime import datetime as _datetime, timedelta as _timedelta, timezone as _timezone

_EPOCH = _datetime(1970, 1, 1, tzinfo=_timezone.utc)

_bridge = None   # io.logship.python.ScriptBridge of this module instance
_module = None   # the Module object handed to callbacks
params = {}      # the instance's Param directives: NAME -> VALUE (strings)


def log_debug(msg):
    _bridge.log(0, str(msg))


def log_info(msg):
    _bridge.log(1, str(msg))


def log_warning(msg):
    _bridge.log(2, str(msg))


def log_error(msg):
    _bridge.log(3, str(msg))


def _from_micros(us):
    return _EPOCH + _timedelta(microseconds=us)


def _from_latin1(s):
    return s.encode('latin-1')


def _to_list(names):
    return list(names)


class Module(dict):
    """The module instance. A dict for per-instance state: module['k'] = v, 'k' in module."""

    def __init__(self, name, kind, bridge):
        dict.__init__(self)
        self.name = name
        self.kind = kind
        # direct Java calls, no Python frame in between
        self.logdata_new = bridge.logdata_new
        self.new_logdata = bridge.logdata_new

    def set_read_timer(self, delay):
        """Call the read callback again after `delay` seconds (0: at once). Without it, it is not called again."""
        _bridge.scheduleRead(float(delay))

    add_read_event = set_read_timer

    def post(self, event, position=None, stream=''):
        """Posts the event, with its position if given. Returns False when the agent is stopping."""
        if position is not None:
            event.set_position(position, stream)
        return event.post()

    def get_position(self, stream=''):
        """The last position the host committed for the stream ('' by default), or None on a first run."""
        return _bridge.committedPosition(str(stream))

    def get_positions(self):
        """Every stream's committed position, as a dict."""
        out = {}
        for k in list(_bridge.committedStreams()):
            out[k] = _bridge.committedPosition(k)
        return out

    def __repr__(self):
        return 'Module(%s %s, %s)' % (self.kind, self.name, dict.__repr__(self))


def _init(bridge, name, kind, java_params):
    global _bridge, _module, params
    _bridge = bridge
    params = dict(java_params)
    _module = Module(name, kind, bridge)
    _module.params = params
    return _module


def _input_dispatcher(callback):
    module = _module

    def _read():
        callback(module)
    return _read


def _batch_dispatcher(callback, script_file):
    """Calls callback(event) for events[start:count]; one Java->Python call for many events.
    Returns None when all went through, else [index, file, line, error, traceback] of the first failure.
    If something Python cannot catch ends the call, the returned position() says where it stopped."""
    at = [0]

    def _write_batch(events, start, count):
        i = start
        try:
            while i < count:
                at[0] = i
                callback(events[i])
                i += 1
        except BaseException as exc:
            return [i] + _describe(exc, script_file)
        return None

    def _position():
        return at[0]
    return [_write_batch, _position]


def _describe(exc, script_file):
    """[file, line, 'Type: message', traceback text] of a Python exception, for logs and dead letters."""
    import traceback
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.startswith('<logship>')]
    file, line = script_file, 0
    for f in reversed(frames):
        if f.filename == script_file:
            file, line = f.filename, f.lineno
            break
    else:
        if frames:
            file, line = frames[-1].filename, frames[-1].lineno
    error = ''.join(traceback.format_exception_only(type(exc), exc)).strip()
    text = ''
    if frames:
        text = 'Traceback (most recent call last):\n' + ''.join(traceback.format_list(frames))
    return [file, line or 0, error, text + error]
