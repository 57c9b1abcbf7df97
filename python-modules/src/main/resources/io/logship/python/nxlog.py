# The `nxlog` module that im_python / om_python scripts import, as NXLog's own modules provide it.
# logship evaluates this file once per module instance (one GraalPy context each) and registers it
# in sys.modules before the user's script runs. Everything Java-side is reached through `_bridge`.
#
# NXLog spellings: log_debug/log_info/log_warning/log_error, Module.logdata_new, Module.set_read_timer,
# LogData.set_field/get_field/delete_field/field_names/post/module. The spellings the NXLog S3 sample
# scripts use are accepted too: new_logdata, add_read_event, get_names.

from datetime import datetime as _datetime, timedelta as _timedelta, timezone as _timezone

_EPOCH = _datetime(1970, 1, 1, tzinfo=_timezone.utc)
_ONE_US = _timedelta(microseconds=1)
_LONG_MIN = -(1 << 63)
_LONG_MAX = (1 << 63) - 1

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


def _to_micros(dt):
    # naive datetimes are local time, as Python's own datetime.timestamp() reads them
    if dt.tzinfo is None:
        dt = dt.astimezone(_timezone.utc)
    return (dt - _EPOCH) // _ONE_US


def _from_micros(us):
    return _EPOCH + _timedelta(microseconds=us)


def _from_latin1(s):
    return s.encode('latin-1')


class LogData(object):
    """One event. Fields are typed: str, int, bool, float, datetime, bytes; None removes a field."""
    __slots__ = ('_e', 'module')

    def __init__(self, e, module):
        self._e = e
        self.module = module

    def set_field(self, name, value):
        e = self._e
        t = type(value)
        if t is str:
            e.setString(name, value)
        elif t is int:
            if value < _LONG_MIN or value > _LONG_MAX:
                raise OverflowError("field %s: integer %d does not fit in 64 bits" % (name, value))
            e.setInteger(name, value)
        elif t is bool:
            e.setBoolean(name, value)
        elif t is float:
            e.setFloat(name, value)
        elif value is None:
            e.delete(name)
        elif isinstance(value, _datetime):
            e.setTime(name, _to_micros(value))
        elif isinstance(value, (bytes, bytearray, memoryview)):
            e.setBinary(name, bytes(value).decode('latin-1'))
        elif isinstance(value, bool):
            e.setBoolean(name, bool(value))
        elif isinstance(value, int):
            self.set_field(name, int(value))
        elif isinstance(value, float):
            e.setFloat(name, float(value))
        elif isinstance(value, str):
            e.setString(name, str(value))
        else:
            raise TypeError("field %s: unsupported type %s (use str, int, bool, float, datetime, bytes or None)"
                            % (name, t.__name__))

    def get_field(self, name):
        """The value, or None when the field is absent."""
        return self._e.get(name)

    def delete_field(self, name):
        self._e.delete(name)

    def field_names(self):
        return list(self._e.names())

    get_names = field_names

    def set_position(self, value, stream=''):
        """Attach the input's position after this event; the host commits it once outputs have flushed."""
        self._e.setPosition(str(stream), str(value))

    def post(self):
        """im_python: hand the event to the routes. Returns False when the agent is stopping."""
        return _bridge.post(self._e)

    def __contains__(self, name):
        return self._e.has(name)

    def __repr__(self):
        return 'LogData(%s)' % self._e.describe()


class Module(dict):
    """The module instance. A dict for per-instance state: module['k'] = v, 'k' in module."""

    def __init__(self, name, kind):
        dict.__init__(self)
        self.name = name
        self.kind = kind

    def logdata_new(self):
        return LogData(_bridge.newEvent(), self)

    new_logdata = logdata_new

    def set_read_timer(self, delay):
        """Call the read callback again after `delay` seconds (0: at once). Without it, it is not called again."""
        _bridge.scheduleRead(float(delay))

    add_read_event = set_read_timer

    def post(self, event, position=None, stream=''):
        if position is not None:
            event.set_position(position, stream)
        return _bridge.post(event._e)

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
    _module = Module(name, kind)
    _module.params = params
    return _module


def _input_dispatcher(callback):
    module = _module

    def _read():
        callback(module)
    return _read


def _output_dispatcher(callback):
    module = _module

    def _write(e):
        callback(LogData(e, module))
    return _write


def _batch_dispatcher(callback, script_file):
    """Calls callback(LogData) for events[start:count]; one Java->Python call for many events.
    Returns None when all went through, else [index, file, line, error, traceback] of the first failure.
    If something Python cannot catch ends the call, _write_batch.position says where it stopped."""
    module = _module
    at = [0]

    def _write_batch(events, start, count):
        i = start
        try:
            while i < count:
                at[0] = i
                callback(LogData(events[i], module))
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
