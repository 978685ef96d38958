/**
 * Guard policies (licences, dependencies, inputs) and the redaction hook every text passes before it is stored or logged.
 */
@Export
@Version("1.0.0")
package dev.cairn.api.guard;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
