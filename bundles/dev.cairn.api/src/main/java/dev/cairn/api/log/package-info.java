/**
 * The one logging facade: structured events, one JSON object per line.
 */
@Export
@Version("1.0.0")
package dev.cairn.api.log;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
