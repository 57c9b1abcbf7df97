# A script whose top level fails at start (the NXLog S3 sample without boto3 installed).
import nxlog
import boto3  # noqa: F401  (line 3: not available to GraalPy here)


def write_data(event):
    pass
