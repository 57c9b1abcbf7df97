package io.logship.s3;

/**
 * The S3 calls logship makes, with the IAM action each one needs and whether that action is granted on
 * the object ARN ({@code arn:aws:s3:::bucket/key}) or the bucket ARN ({@code arn:aws:s3:::bucket}).
 */
public enum S3Operation {
    PUT_OBJECT("PutObject", "s3:PutObject", true),
    CREATE_MULTIPART_UPLOAD("CreateMultipartUpload", "s3:PutObject", true),
    UPLOAD_PART("UploadPart", "s3:PutObject", true),
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload", "s3:PutObject", true),
    ABORT_MULTIPART_UPLOAD("AbortMultipartUpload", "s3:AbortMultipartUpload", true),
    GET_OBJECT("GetObject", "s3:GetObject", true),
    HEAD_OBJECT("HeadObject", "s3:GetObject", true),
    DELETE_OBJECT("DeleteObject", "s3:DeleteObject", true),
    COPY_OBJECT("CopyObject", "s3:PutObject (and s3:GetObject on the source)", true),
    LIST_OBJECTS("ListObjectsV2", "s3:ListBucket", false),
    HEAD_BUCKET("HeadBucket", "s3:ListBucket", false);

    private final String apiName;
    private final String iamAction;
    private final boolean onObject;

    S3Operation(String apiName, String iamAction, boolean onObject) {
        this.apiName = apiName;
        this.iamAction = iamAction;
        this.onObject = onObject;
    }

    /** The S3 API name, e.g. PutObject. */
    public String apiName() {
        return apiName;
    }

    /** The IAM action the call needs, e.g. s3:PutObject. */
    public String iamAction() {
        return iamAction;
    }

    /** True when the action is granted on an object ARN, false for the bucket ARN. */
    public boolean onObject() {
        return onObject;
    }
}
