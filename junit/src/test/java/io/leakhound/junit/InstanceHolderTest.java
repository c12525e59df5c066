package io.leakhound.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The holder of a class's instances, found in a dump of this JVM. */
class InstanceHolderTest {

    record Ticket(long id) {
    }

    record Receipt(long id) {
    }

    static final List<Ticket> TICKETS = new ArrayList<>();
    static final Map<Long, Receipt> RECEIPTS = new HashMap<>();

    @AfterEach
    void release() {
        TICKETS.clear();
        RECEIPTS.clear();
    }

    @Test
    void pathToHolder_instancesInAStaticList_isThePathToTheListsArray(@TempDir Path directory) throws Exception {
        for (int i = 0; i < 500; i++) {
            TICKETS.add(new Ticket(i));
        }
        Path dump = directory.resolve("heap.hprof");
        LeakExplanation.dump(dump);
        assertThat(InstanceHolder.pathToHolder(dump, directory, Ticket.class.getName(), 500))
                .containsExactly("static io.leakhound.junit.InstanceHolderTest.TICKETS", "java.util.ArrayList.elementData");
    }

    @Test
    void pathToHolder_valuesOfAStaticMap_isThePathToTheMapsTable(@TempDir Path directory) throws Exception {
        for (long i = 0; i < 300; i++) {
            RECEIPTS.put(i, new Receipt(i));
        }
        Path dump = directory.resolve("heap.hprof");
        LeakExplanation.dump(dump);
        // each value hangs from its own HashMap$Node; the table holds them all
        assertThat(InstanceHolder.pathToHolder(dump, directory, Receipt.class.getName(), 300))
                .containsExactly("static io.leakhound.junit.InstanceHolderTest.RECEIPTS", "java.util.HashMap.table");
    }

    @Test
    void pathToHolder_fewerInstancesThanTheGrowth_isEmpty(@TempDir Path directory) throws Exception {
        TICKETS.add(new Ticket(1));
        Path dump = directory.resolve("heap.hprof");
        LeakExplanation.dump(dump);
        assertThat(InstanceHolder.pathToHolder(dump, directory, Ticket.class.getName(), 2)).isEmpty();
    }
}
