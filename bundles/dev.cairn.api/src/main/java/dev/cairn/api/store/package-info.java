/**
 * The run ledger: storage backends (store.kind) record runs and answer queries about them.
 */
@Export
@Version("1.2.0")
package dev.cairn.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
