package io.logship.s3;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Where the S3 modules' credentials come from: static keys, a profile or the AWS default chain, optionally
 * with an IAM role assumed through STS. Builds the SDK's credentials provider and says in words where the
 * credentials come from; {@link #toString()} and {@link #describe()} never show a secret.
 */
final class S3Credentials {
    private final Optional<String> accessKeyId;
    private final Optional<String> secretAccessKey;
    private final Optional<String> sessionToken;
    private final Optional<String> profile;
    private final Optional<String> roleArn;
    private final Optional<String> externalId;

    S3Credentials(String accessKeyId, String secretAccessKey, String sessionToken, String profile, String roleArn,
                  String externalId) {
        this.accessKeyId = Optional.ofNullable(accessKeyId);
        this.secretAccessKey = Optional.ofNullable(secretAccessKey);
        this.sessionToken = Optional.ofNullable(sessionToken);
        this.profile = Optional.ofNullable(profile);
        this.roleArn = Optional.ofNullable(roleArn);
        this.externalId = Optional.ofNullable(externalId);
    }

    Optional<String> profile() {
        return profile;
    }

    Optional<String> roleArn() {
        return roleArn;
    }

    /**
     * A new credentials provider; the caller closes it when it is closeable (an assumed role owns an STS
     * client for region {@code r}). Credentials are resolved lazily, at the first request.
     */
    AwsCredentialsProvider provider(Region r) {
        AwsCredentialsProvider base;
        if (accessKeyId.isPresent()) {
            base = StaticCredentialsProvider.create(sessionToken.isPresent()
                    ? AwsSessionCredentials.create(accessKeyId.get(), secretAccessKey.orElseThrow(),
                    sessionToken.get())
                    : AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.orElseThrow()));
        } else if (profile.isPresent()) {
            base = ProfileCredentialsProvider.create(profile.get());
        } else {
            base = DefaultCredentialsProvider.builder().build();
        }
        if (roleArn.isEmpty()) {
            return base;
        }
        SdkHttpClient stsHttp = Apache5HttpClient.builder().maxConnections(2).build();
        StsClient sts = StsClient.builder().region(r).credentialsProvider(base).httpClient(stsHttp).build();
        return new AssumedRole(StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(a -> {
                    a.roleArn(roleArn.get()).roleSessionName("logship");
                    externalId.ifPresent(a::externalId);
                })
                .build(), sts, stsHttp, base);
    }

    /** Where credentials come from, for messages (never a secret). */
    String describe() {
        String base;
        if (accessKeyId.isPresent()) {
            base = "the static keys of AccessKeyId/SecretAccessKey" + (sessionToken.isPresent() ? "/SessionToken" : "")
                    + " (key id " + maskedKeyId() + ")";
        } else if (profile.isPresent()) {
            base = "profile '" + profile.get() + "' of ~/.aws/credentials and ~/.aws/config";
        } else {
            base = "the AWS default credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or"
                    + " the default profile of ~/.aws/credentials, web identity, container or instance role)";
        }
        return roleArn.map(a -> "role " + a + " assumed through STS with " + base).orElse(base);
    }

    /** The access key id with all but its first 4 and last 4 characters hidden, or "none". */
    String maskedKeyId() {
        return accessKeyId.map(k -> k.length() <= 8 ? "****" : k.substring(0, 4) + "****" + k.substring(k.length() - 4))
                .orElse("none");
    }

    @Override
    public String toString() {
        return "S3Credentials[" + describe() + "]";
    }

    /**
     * The credentials of an assumed role with the clients behind them; {@link #close()} closes the STS client,
     * its HTTP client and the base credentials (the SDK closes none of them when the S3 client closes).
     */
    record AssumedRole(StsAssumeRoleCredentialsProvider provider, StsClient sts, SdkHttpClient http,
                       AwsCredentialsProvider base) implements AwsCredentialsProvider, SdkAutoCloseable {
        private static final Logger LOG = LoggerFactory.getLogger(AssumedRole.class);

        @Override
        public AwsCredentials resolveCredentials() {
            return provider.resolveCredentials();
        }

        @Override
        public void close() {
            IoUtils.closeQuietly(provider, LOG);
            IoUtils.closeQuietly(sts, LOG);
            IoUtils.closeQuietly(http, LOG);
            IoUtils.closeIfCloseable(base, LOG);
        }

        @Override
        public String toString() {
            return "AssumedRole[" + provider + "]";
        }
    }
}
