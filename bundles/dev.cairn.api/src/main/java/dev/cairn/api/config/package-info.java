/**
 * Layered settings: command-line flags over environment variables over the files in configs/.
 */
@Export
@Version("1.0.0")
package dev.cairn.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
