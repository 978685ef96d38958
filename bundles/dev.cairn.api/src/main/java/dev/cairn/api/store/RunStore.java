package dev.cairn.api.store;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A run ledger backend, registered with {@code store.kind} (e.g. {@code sqlite}). Consumers reference it by this
 * interface; an operator points them at another backend by configuration ({@code store.target}) or by ranking.
 */
@ProviderType
public interface RunStore {
	/**
	 * The ledger for Cairn's home {@code home}. File-based backends keep it under the home (SQLite:
	 * {@code <home>/ledger.db}); a shared backend may ignore the argument.
	 *
	 * @throws dev.cairn.api.CairnException when the ledger cannot be opened, e.g. it was written by a newer Cairn
	 */
	Ledger ledger(Path home);
}
