package com.byomlab.llm;

import java.util.regex.Pattern;

/**
 * An AWS region name as AWS spells them (us-east-1, eu-central-2, us-gov-west-1, ap-southeast-3). Checked strictly
 * because the region becomes part of the host name the SDK connects to (bedrock-runtime.REGION.amazonaws.com): a
 * "region" with dots, slashes or '#' could point a stored key at another host.
 */
public final class AwsRegion {

    private static final Pattern NAME = Pattern.compile("[a-z]{2,3}(-[a-z]+){1,2}-[0-9]{1,2}");

    private AwsRegion() {
    }

    public static boolean isValid(String region) {
        return region != null && region.length() <= 32 && NAME.matcher(region).matches();
    }
}
