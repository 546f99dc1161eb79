package dev.orderflow.orders.order;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

/**
 * All orders. Items and history load lazily, in batches (hibernate.default_batch_fetch_size), so a page costs three
 * queries.
 */
public interface Orders extends JpaRepository<Order, UUID> {

    Page<Order> findByCustomerId(String customerId, Pageable pageable);

    /**
     * The order, its row locked ({@code SELECT ... FOR UPDATE}) until the transaction ends: the result consumer and
     * the cancel endpoint change an order one at a time, each seeing what the other committed.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Order> findForUpdateById(UUID id);
}
