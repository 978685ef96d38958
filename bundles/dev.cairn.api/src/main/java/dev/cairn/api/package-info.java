/**
 * Cross-cutting contracts: exit codes, the failure type that carries them, and the documented service property names.
 */
@Export
@Version("1.1.0")
package dev.cairn.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
