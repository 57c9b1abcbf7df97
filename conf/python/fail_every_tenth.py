# om_python test script: every tenth call of write_data raises (a flaky destination). With
# OnError retry the host calls again with the same event; with OnError deadletter the event goes to
# the dead-letter file. Either way no event is lost. Written events go to Param output, field n.
import nxlog

OUTPUT = nxlog.params.get('output', 'written.txt')


def write_data(event):
    module = event.module
    module['calls'] = module.get('calls', 0) + 1
    if module['calls'] % 10 == 0:
        raise ValueError('flaky destination refused event %s' % event.get_field('n'))
    if 'fh' not in module:
        module['fh'] = open(OUTPUT, 'a', encoding='utf-8')
    module['fh'].write('%d\n' % event.get_field('n'))
    module['fh'].flush()
