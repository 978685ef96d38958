/**
 * Starting runs: what a user asks for and what they get back (the {@code agent:run} contract).
 */
@Export
@Version("1.1.0")
package dev.cairn.api.run;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
