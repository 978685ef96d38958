/**
 * Workspace snapshots taken before a run and restored on rollback.
 */
@Export
@Version("1.0.0")
package dev.cairn.api.workspace;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
