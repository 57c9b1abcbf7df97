package io.logship.s3;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.DateUtils;

/**
 * A ListObjectsV2 answer (ListBucketResult) read into the SDK's model with the JDK's StAX parser, for
 * {@link DirectS3#list}: the page's fields and, per object, Key, LastModified, ETag, Size and StorageClass, as
 * the S3Client returns them (DirectS3IT compares the two). Other elements (Owner, RestoreStatus, checksum
 * lists, CommonPrefixes: DirectS3 lists without a delimiter) are skipped. No DTDs, no external entities.
 */
final class ListingXml {
    private ListingXml() {
    }

    /** Parses a ListBucketResult; XMLStreamException (or a RuntimeException) on anything else. */
    static ListObjectsV2Response parse(InputStream in) throws XMLStreamException {
        // the JDK's own implementation (not whichever StAX provider a class path brings), one per page: a
        // factory is not specified to be thread-safe, and pages are listed on two threads
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader x = f.createXMLStreamReader(in);
        try {
            x.nextTag();
            if (!"ListBucketResult".equals(x.getLocalName())) {
                throw new XMLStreamException("not a ListBucketResult: " + x.getLocalName());
            }
            ListObjectsV2Response.Builder page = ListObjectsV2Response.builder();
            List<S3Object> contents = new ArrayList<>();
            while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (x.getLocalName()) {
                    case "Contents" -> contents.add(object(x));
                    case "Name" -> page.name(x.getElementText());
                    case "Prefix" -> page.prefix(x.getElementText());
                    case "StartAfter" -> page.startAfter(x.getElementText());
                    case "ContinuationToken" -> page.continuationToken(x.getElementText());
                    case "NextContinuationToken" -> page.nextContinuationToken(x.getElementText());
                    case "KeyCount" -> page.keyCount(Integer.valueOf(x.getElementText().strip()));
                    case "MaxKeys" -> page.maxKeys(Integer.valueOf(x.getElementText().strip()));
                    case "IsTruncated" -> page.isTruncated(Boolean.valueOf(x.getElementText().strip()));
                    case "Delimiter" -> page.delimiter(x.getElementText());
                    case "EncodingType" -> page.encodingType(x.getElementText());
                    default -> skip(x);
                }
            }
            return page.contents(contents).build();
        } finally {
            x.close();
        }
    }

    /** One Contents element, the reader on its start tag; returns with the reader on its end tag. */
    private static S3Object object(XMLStreamReader x) throws XMLStreamException {
        S3Object.Builder o = S3Object.builder();
        while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (x.getLocalName()) {
                case "Key" -> o.key(x.getElementText());
                case "LastModified" -> o.lastModified(DateUtils.parseIso8601Date(x.getElementText().strip()));
                case "ETag" -> o.eTag(x.getElementText());
                case "Size" -> o.size(Long.valueOf(x.getElementText().strip()));
                case "StorageClass" -> o.storageClass(x.getElementText());
                default -> skip(x);
            }
        }
        return o.build();
    }

    /** Skips the element whose start tag the reader is on, with everything in it. */
    private static void skip(XMLStreamReader x) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int e = x.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
