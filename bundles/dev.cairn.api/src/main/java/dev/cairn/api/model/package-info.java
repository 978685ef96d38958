/**
 * Model providers: a small, immutable request/response contract; vendor SDKs stay private to their provider bundle.
 */
@Export
@Version("2.0.0")
package dev.cairn.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
