/**
 * Process execution: every subprocess Cairn starts goes through this one service.
 */
@Export
@Version("1.1.0")
package dev.cairn.api.process;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
