# im_python test script: a read callback that never returns on its own (a blocking poll gone wrong).
# Stopping the instance must still end it.
import time
import nxlog


def read_data(module):
    nxlog.log_info('stuck: entering the loop')
    while True:
        time.sleep(0.01)
