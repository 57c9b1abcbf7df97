# A script that does not load: the error must name this file and line 5.
import nxlog

def write_data(event)
    nxlog.log_info('never')
