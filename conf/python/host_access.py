# im_python test script: reports whether Java host classes are reachable from Python.
import nxlog


def read_data(module):
    event = module.logdata_new()
    try:
        import java
        system = java.type('java.lang.System')
        event.set_field('host_access', 'allowed: ' + str(system.getProperty('java.version')))
    except Exception as e:
        event.set_field('host_access', 'denied: %s: %s' % (type(e).__name__, e))
    try:
        with open(nxlog.params['probe'], 'w') as f:     # file IO stays allowed
            f.write('written from python\n')
        event.set_field('file_io', 'allowed')
    except Exception as e:
        event.set_field('file_io', 'denied: %s' % e)
    event.post()
